import { formatShopDateTime, formatUsd } from '@shop/shared';
import { Button, Dialog, TextField, useLocale, useMessages } from '@shop/ui';
import { useState } from 'react';
import type { HeldCart } from '../../core/pos/held-carts';
import { heldTexts } from './held-texts';

/** The cashier's note for a sale put aside (F8); Enter holds it, with or without a note. */
export function HoldDialog({
  open,
  onHold,
  onClose,
}: {
  open: boolean;
  onHold: (note: string) => void;
  onClose: () => void;
}) {
  const t = useMessages(heldTexts);
  const [note, setNote] = useState('');
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
        setNote('');
      }}
      title={t.holdTitle}
      closeLabel={t.close}
    >
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          onHold(note);
          setNote('');
        }}
      >
        <TextField
          label={t.note}
          hint={t.noteHint}
          value={note}
          maxLength={120}
          autoFocus
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" size="lg" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button type="submit" size="lg">
            {t.hold}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/**
 * The sales put aside at this counter, oldest first, with when, who, the total and the note; one tap (or Enter on
 * the focused row) takes it up again.
 */
export function HeldDialog({
  held,
  onRecall,
  onClose,
}: {
  held: HeldCart[] | null;
  onRecall: (heldId: string) => void;
  onClose: () => void;
}) {
  const t = useMessages(heldTexts);
  const { locale } = useLocale();
  return (
    <Dialog
      open={held !== null}
      onOpenChange={(open) => !open && onClose()}
      title={t.heldSales}
      closeLabel={t.close}
    >
      {held?.length === 0 && <p className="text-muted">{t.noHeld}</p>}
      <ul className="grid gap-2">
        {held?.map((sale, index) => (
          <li key={sale.id}>
            <button
              type="button"
              data-testid="held-sale"
              autoFocus={index === 0}
              onClick={() => onRecall(sale.id)}
              className="flex min-h-16 w-full items-center justify-between gap-4 rounded-lg border border-line px-4 py-2 text-left hover:bg-slate-50 focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none"
            >
              <span className="min-w-0">
                <span className="block font-semibold" data-testid="held-note">
                  {sale.note || <span className="text-muted italic">{t.noNote}</span>}
                </span>
                <span className="block truncate text-sm">
                  {sale.cart.lines.map((l) => l.name).join(', ')}
                </span>
                <span className="block text-sm text-muted">
                  {t.heldBy(formatShopDateTime(sale.heldAt, locale), sale.staffName)} ·{' '}
                  {t.lines(sale.cart.lines.length)}
                </span>
              </span>
              <span className="shrink-0 text-right">
                <span className="block text-lg font-bold tabular-nums">{formatUsd(sale.totalCents)}</span>
                <span className="text-sm text-brand-700">{t.recall}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
