import { Button, Dialog, TextField, useMessages } from '@shop/ui';
import { useRef, useState } from 'react';
import type { CustomerHit } from '../../core/commands';
import { run } from '../bridge';
import { saleTexts } from './texts';

/** Walk-in or a known customer, found by phone or name in what this counter knows. */
export function CustomerDialog({
  open,
  onOpenChange,
  onChoose,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  onChoose: (customer: CustomerHit | null) => void;
}) {
  const t = useMessages(saleTexts);
  const [query, setQuery] = useState('');
  const [hits, setHits] = useState<CustomerHit[]>([]);
  const asked = useRef(0);
  const search = async (text: string) => {
    setQuery(text);
    const ticket = ++asked.current;
    const found = text.trim()
      ? await run<CustomerHit[]>('findCustomers', { query: text }).catch(() => [])
      : [];
    if (ticket === asked.current) setHits(found);
  };
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title={t.customer} closeLabel={t.close}>
      <div className="grid gap-3">
        <TextField
          label={t.findCustomer}
          value={query}
          onChange={(event) => void search(event.target.value)}
          inputMode="search"
          autoComplete="off"
          autoFocus
        />
        <ul className="grid max-h-72 gap-1 overflow-y-auto">
          {query.trim() && hits.length === 0 && <li className="py-2 text-muted">{t.noCustomer}</li>}
          {hits.map((hit) => (
            <li key={hit.id}>
              <button
                type="button"
                onClick={() => onChoose(hit)}
                className="flex h-14 w-full items-center justify-between rounded-lg border border-line px-4 text-left hover:bg-slate-50"
              >
                <span className="font-semibold">{hit.name}</span>
                <span className="text-muted tabular-nums">{hit.phone}</span>
              </button>
            </li>
          ))}
        </ul>
        <Button variant="secondary" size="lg" onClick={() => onChoose(null)}>
          {t.walkIn}
        </Button>
      </div>
    </Dialog>
  );
}
