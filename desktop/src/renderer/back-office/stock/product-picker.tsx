import type { AdminProductRow } from '@shop/shared';
import { Button, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../api';
import { BarcodeField } from '../products/barcode-field';
import { StockBadge } from '../products/stock-badge';
import { stockTexts } from './texts';

/**
 * The product a stock task is for, kept in the address (`?product=<id>`, so the product page can link here): found
 * by scanning its barcode or typing its name or SKU. One match is taken at once; several are offered to choose.
 */
export function useProductPick() {
  const [params, setParams] = useSearchParams();
  const id = params.get('product') ?? '';
  const row = useQuery({
    queryKey: ['admin-products', { id }],
    queryFn: async () => (await api.listAdminProducts({ query: { id } })).items[0] ?? null,
    enabled: id !== '',
  });
  const pick = useCallback(
    (next: string) =>
      setParams((current) => {
        const changed = new URLSearchParams(current);
        if (next) changed.set('product', next);
        else changed.delete('product');
        return changed;
      }),
    [setParams],
  );
  return { product: id ? (row.data ?? null) : null, pick, refresh: () => void row.refetch() };
}

export function ProductPicker({
  product,
  onPick,
}: {
  product: AdminProductRow | null;
  onPick: (id: string) => void;
}) {
  const t = useMessages(stockTexts);
  const [search, setSearch] = useState('');
  const [text, setText] = useState('');
  const found = useQuery({
    queryKey: ['admin-products', { q: search, pageSize: 8 }],
    queryFn: () => api.listAdminProducts({ query: { q: search, pageSize: 8 } }),
    enabled: search !== '',
  });
  const matches = found.data?.items ?? [];
  // A scan that finds exactly one product picks it.
  const single = search && matches.length === 1 ? matches[0]!.id : null;
  useEffect(() => {
    if (!single) return;
    onPick(single);
    setSearch('');
    setText('');
  }, [single, onPick]);

  if (product)
    return (
      <div
        className="flex items-center gap-4 rounded-card border border-line bg-white p-4"
        data-testid="picked-product"
      >
        <div className="flex-1">
          <p className="font-semibold">{product.name}</p>
          <p className="text-sm text-muted">
            <span className="font-mono">{product.sku}</span> · {t.onHand} {product.onHand} · {t.available}{' '}
            {product.available}
          </p>
        </div>
        <StockBadge state={product.stock} />
        <Button variant="secondary" onClick={() => onPick('')}>
          {t.change}
        </Button>
      </div>
    );
  return (
    <div className="space-y-2">
      <BarcodeField
        label={t.product}
        hint={t.productHint}
        inputMode="search"
        autoFocus
        value={text}
        onChange={(event) => setText(event.target.value)}
        onScanned={(code) => setSearch(code)}
      />
      {search && found.data && matches.length === 0 && <p className="text-muted">{t.noMatch}</p>}
      {matches.length > 1 && (
        <ul className="divide-y divide-line rounded-card border border-line bg-white">
          {matches.map((match) => (
            <li key={match.id} className="flex items-center gap-3 px-3 py-2">
              <span className="font-mono text-sm">{match.sku}</span>
              <span className="flex-1">{match.name}</span>
              <span className="text-sm text-muted">
                {t.available} {match.available}
              </span>
              <Button size="sm" variant="secondary" onClick={() => onPick(match.id)}>
                {t.pick}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
