import { Button, Dialog, useMessages } from '@shop/ui';
import { useState, type ReactNode } from 'react';
import { peopleTexts } from './texts';

/**
 * A button whose action takes something away (disable, revoke, reset): it asks first, in a dialog that says what
 * will happen, since none of these can be undone by the same button.
 */
export function ConfirmButton({
  label,
  question,
  onConfirm,
  busy,
  variant = 'secondary',
}: {
  label: string;
  question: ReactNode;
  onConfirm: () => void;
  busy?: boolean;
  variant?: 'secondary' | 'danger';
}) {
  const t = useMessages(peopleTexts);
  const [open, setOpen] = useState(false);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={label}
      closeLabel={t.closeDialog}
      trigger={
        <Button variant={variant} size="sm" busy={busy}>
          {label}
        </Button>
      }
    >
      <p>{question}</p>
      <div className="mt-5 flex justify-end gap-2">
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t.cancel}
        </Button>
        <Button
          variant="danger"
          onClick={() => {
            setOpen(false);
            onConfirm();
          }}
        >
          {t.yes}
        </Button>
      </div>
    </Dialog>
  );
}
