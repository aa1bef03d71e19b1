import type { ProductList } from '@shop/shared';
import { PAGE_SIZE, type Remote } from '../api';
import { ProductCard } from './ProductCard';

interface ProductResultsProps {
  products: Remote<ProductList> & { retry: () => void };
  q: string;
  categoryName: string | null;
  onClearFilters: () => void;
}

export function ProductResults({ products, q, categoryName, onClearFilters }: ProductResultsProps) {
  const { data, status } = products;
  const filtered = q !== '' || categoryName !== null;

  return (
    <section className="results" aria-labelledby="results-title">
      <div className="results-head">
        <h2 id="results-title">{title(q, categoryName)}</h2>
        <p className="results-count" role="status">
          {status === 'loading'
            ? 'Loading products…'
            : data
              ? data.total > data.items.length
                ? `Showing ${data.items.length} of ${data.total} products`
                : `${data.total} ${data.total === 1 ? 'product' : 'products'}`
              : ''}
        </p>
      </div>

      {status === 'error' && (
        <div className="notice notice-error" role="alert">
          <p>
            <strong>Products could not be loaded.</strong> Check your connection and try again.
          </p>
          <button type="button" className="button" onClick={products.retry}>
            Try again
          </button>
        </div>
      )}

      {!data && status === 'loading' && (
        <ul className="grid" aria-hidden="true">
          {Array.from({ length: 8 }, (_, i) => (
            <li key={i} className="card card-skeleton">
              <div className="card-media" />
              <div className="card-body">
                <span className="skeleton-line" />
                <span className="skeleton-line short" />
              </div>
            </li>
          ))}
        </ul>
      )}

      {data && data.items.length === 0 && status !== 'error' && (
        <div className="notice">
          <p>
            <strong>No products found.</strong>{' '}
            {filtered ? 'Try another search word or category.' : 'The catalog is empty for now.'}
          </p>
          {filtered && (
            <button type="button" className="button" onClick={onClearFilters}>
              Clear search and category
            </button>
          )}
        </div>
      )}

      {data && data.items.length > 0 && (
        <ul className="grid" aria-busy={status === 'loading'} data-stale={status !== 'success' || undefined}>
          {data.items.map((product, index) => (
            <ProductCard key={product.id} product={product} eager={index < PAGE_SIZE / 4} />
          ))}
        </ul>
      )}
    </section>
  );
}

function title(q: string, categoryName: string | null): string {
  if (!q) return categoryName ?? 'All products';
  return categoryName ? `Results for “${q}” in ${categoryName}` : `Results for “${q}”`;
}
