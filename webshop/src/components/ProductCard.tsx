import { formatUsd, type ProductSummary } from '@shop/shared';
import { AvailabilityBadge } from './AvailabilityBadge';

interface ProductCardProps {
  product: ProductSummary;
  /** The first row is likely above the fold: load its pictures right away. */
  eager?: boolean;
}

export function ProductCard({ product, eager = false }: ProductCardProps) {
  const { compareAtCents, priceCents } = product;
  const discount =
    compareAtCents !== null && compareAtCents > priceCents
      ? Math.round(((compareAtCents - priceCents) / compareAtCents) * 100)
      : 0;

  return (
    <li className="card">
      <div className="card-media" data-unavailable={product.availability === 'out_of_stock' || undefined}>
        {product.imageUrl ? (
          <img
            src={product.imageUrl}
            alt={product.name}
            width={400}
            height={400}
            loading={eager ? 'eager' : 'lazy'}
            decoding="async"
          />
        ) : (
          <span className="card-noimage">No picture yet</span>
        )}
        {discount > 0 && <span className="card-discount">−{discount}%</span>}
      </div>
      <div className="card-body">
        <h3 className="card-title">{product.name}</h3>
        {product.keySpecs.length > 0 && (
          <ul className="card-specs" aria-label="Key specifications">
            {product.keySpecs.map((spec) => (
              <li key={spec}>{spec}</li>
            ))}
          </ul>
        )}
        <div className="card-footer">
          <p className="price">
            <span className="price-now">{formatUsd(priceCents)}</span>
            {discount > 0 && compareAtCents !== null && (
              <s className="price-was">
                <span className="visually-hidden">was </span>
                {formatUsd(compareAtCents)}
              </s>
            )}
          </p>
          <AvailabilityBadge availability={product.availability} />
        </div>
      </div>
    </li>
  );
}
