import { Button, Dialog, useMessages } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import type { CartLine } from '../../core/pos/cart';
import { saleTexts } from './texts';

/**
 * The serial of a serialized item (a laptop, a GPU): scanned off the box (the sale screen routes scans here while it
 * is open) or typed. "Later" leaves it missing; the sale cannot be committed until it is given.
 */
export function SerialDialog({
  line,
  onSerial,
  onClose,
}: {
  line: CartLine | null;
  onSerial: (serial: string) => void;
  onClose: () => void;
}) {
  const t = useMessages(saleTexts);
  const [typed, setTyped] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) onSerial(typed.trim());
    setTyped('');
  };
  return (
    <Dialog
      open={line !== null}
      onOpenChange={(open) => !open && onClose()}
      title={line ? t.serialTitle(line.name) : ''}
      description={line ? t.serialHint(line.serials.length, line.quantity) : undefined}
      closeLabel={t.close}
    >
      <form onSubmit={submit} className="flex gap-2">
        <input
          aria-label={t.serial}
          value={typed}
          onChange={(event) => setTyped(event.target.value)}
          autoFocus
          autoComplete="off"
          spellCheck={false}
          className="h-14 flex-1 rounded-lg border-2 border-brand-500 px-4 text-xl"
        />
        <Button type="submit" size="lg" className="h-14">
          {t.addSerial}
        </Button>
        <Button variant="ghost" size="lg" className="h-14" onClick={onClose}>
          {t.later}
        </Button>
      </form>
    </Dialog>
  );
}
