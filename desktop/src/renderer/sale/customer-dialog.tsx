import { formatCambodianPhone } from '@shop/shared';
import { Button, Dialog, FormAlert, TextField, useMessages } from '@shop/ui';
import { useRef, useState, type FormEvent } from 'react';
import type { CustomerHit } from '../../core/commands';
import { messageOf, run } from '../bridge';
import { saleTexts } from './texts';

/**
 * Walk-in or a known customer, found by phone or name in what this counter knows; or a new one added by phone and
 * name. A customer added here waits for the shop server before a sale can name them (pos/new-customers.ts).
 */
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
  const [adding, setAdding] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const asked = useRef(0);
  const search = async (text: string) => {
    setQuery(text);
    const ticket = ++asked.current;
    const found = text.trim()
      ? await run<CustomerHit[]>('findCustomers', { query: text }).catch(() => [])
      : [];
    if (ticket === asked.current) setHits(found);
  };

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    try {
      const { customer, added } = await run<{ customer: CustomerHit; added: boolean }>('addCustomer', {
        phone: String(form.get('phone') ?? ''),
        name: String(form.get('name') ?? ''),
      });
      setProblem(null);
      setAdding(false);
      // A phone the counter already knows is that customer: chosen at once.
      if (!added) return onChoose(customer);
      setSaved(t.customerSaved(customer.name));
      await search(customer.phone ?? customer.name);
    } catch (failure) {
      setProblem(messageOf(failure));
    }
  };

  const typedPhone = /^[+\d][\d\s]*$/.test(query.trim()) ? query.trim() : '';
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
                disabled={hit.waiting}
                className="flex h-14 w-full items-center justify-between gap-3 rounded-lg border border-line px-4 text-left hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-60"
              >
                <span className="font-semibold">{hit.name}</span>
                {hit.waiting && <span className="ml-auto text-sm text-amber-700">{t.customerWaiting}</span>}
                <span className="text-muted tabular-nums">
                  {hit.phone && formatCambodianPhone(hit.phone)}
                </span>
              </button>
            </li>
          ))}
        </ul>
        {saved && <FormAlert tone="success">{saved}</FormAlert>}
        {adding ? (
          <form
            onSubmit={(event) => void add(event)}
            className="grid gap-3 rounded-lg border border-line p-3"
          >
            <TextField
              label={t.customerPhone}
              name="phone"
              type="tel"
              defaultValue={typedPhone}
              required
              autoComplete="off"
            />
            <TextField label={t.customerName} name="name" required autoComplete="off" />
            {problem && <FormAlert>{problem}</FormAlert>}
            <Button type="submit" size="lg">
              {t.addCustomer}
            </Button>
          </form>
        ) : (
          <Button
            variant="secondary"
            size="lg"
            onClick={() => {
              setAdding(true);
              setSaved(null);
            }}
          >
            {t.newCustomer}
          </Button>
        )}
        <Button variant="secondary" size="lg" onClick={() => onChoose(null)}>
          {t.walkIn}
        </Button>
      </div>
    </Dialog>
  );
}
