import { Button, TextField, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api';
import { promotionTexts } from './texts';

/** The name of a product by its id (a promotion names products by id). */
export function useProductName(id: string): string | null {
  const row = useQuery({
    queryKey: ['admin-products', { id }],
    queryFn: async () => (await api.listAdminProducts({ query: { id } })).items[0] ?? null,
    enabled: id !== '',
  });
  return row.data?.name ?? null;
}

/** One product for a promotion: found by name or SKU, picked from the matches, changed again at will. */
export function ProductChoice({
  label,
  productId,
  error,
  onPick,
}: {
  label: string;
  productId: string;
  error?: string | undefined;
  onPick: (id: string) => void;
}) {
  const t = useMessages(promotionTexts);
  const name = useProductName(productId);
  const [text, setText] = useState('');
  const search = text.trim();
  const found = useQuery({
    queryKey: ['admin-products', { q: search, pageSize: 6 }],
    queryFn: () => api.listAdminProducts({ query: { q: search, pageSize: 6 } }),
    enabled: search.length >= 2,
  });
  if (productId)
    return (
      <div className="flex items-center justify-between gap-3 rounded-lg border border-line p-3">
        <div className="min-w-0">
          <p className="text-sm text-muted">{label}</p>
          <p data-testid="chosen-product" className="truncate font-semibold">
            {name ?? productId}
          </p>
        </div>
        <Button type="button" variant="secondary" size="sm" onClick={() => onPick('')}>
          {t.change}
        </Button>
      </div>
    );
  const matches = found.data?.items ?? [];
  return (
    <div className="space-y-1">
      <TextField
        label={label}
        placeholder={t.findProduct}
        error={error}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      {search.length >= 2 && found.data && matches.length === 0 && (
        <p className="text-sm text-muted">{t.noMatch}</p>
      )}
      {matches.length > 0 && (
        <ul className="divide-y divide-line rounded-lg border border-line">
          {matches.map((match) => (
            <li key={match.id}>
              <button
                type="button"
                className="flex w-full gap-3 px-3 py-2 text-left text-sm hover:bg-slate-50"
                onClick={() => {
                  setText('');
                  onPick(match.id);
                }}
              >
                <span className="font-mono text-muted">{match.sku}</span>
                <span className="flex-1">{match.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
