import { useState } from 'react';
import { useCategories, useDebounced, useProducts } from './api';
import { CategoryChips } from './components/CategoryChips';
import { Header } from './components/Header';
import { ProductResults } from './components/ProductResults';

export function App() {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState<string | null>(null);
  const typed = useDebounced(search.trim(), 250);
  // Enter in the search box skips the debounce.
  const [submitted, setSubmitted] = useState<string | null>(null);
  const q = submitted ?? typed;

  const categories = useCategories();
  const products = useProducts(q, category);

  const onSearchChange = (value: string) => {
    setSearch(value);
    setSubmitted(null);
  };
  const clearFilters = () => {
    onSearchChange('');
    setSubmitted('');
    setCategory(null);
  };

  return (
    <>
      <Header
        search={search}
        onSearchChange={onSearchChange}
        onSearchSubmit={() => setSubmitted(search.trim())}
      />
      <main className="page">
        <CategoryChips categories={categories} selected={category} onSelect={setCategory} />
        <ProductResults
          products={products}
          q={q}
          categoryName={categories.data?.find((c) => c.slug === category)?.name ?? null}
          onClearFilters={clearFilters}
        />
      </main>
      <footer className="footer">
        <p>Computer Shop, Cambodia · Prices in US dollars</p>
      </footer>
    </>
  );
}
