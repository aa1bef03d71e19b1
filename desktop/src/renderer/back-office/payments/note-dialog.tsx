import { Button, Dialog, FormAlert, TextAreaField, useMessages } from '@shop/ui';
import { useMutation } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isApiError, problemOf } from '../api';
import { paymentTexts } from './texts';

/** A decision about money recorded once, with a note saying what was found or done (for the audit and the next person). */
export function NoteDialog({
  title,
  noteLabel,
  children,
  send,
  onDone,
}: {
  title: string;
  noteLabel: string;
  /** Fields above the note (the reconciliation's outcome). */
  children?: ReactNode;
  send: (note: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const t = useMessages(paymentTexts);
  const [note, setNote] = useState('');
  const save = useMutation({ mutationFn: () => send(note.trim()), onSuccess: onDone });
  const fields = isApiError(save.error) ? save.error.fields : {};
  return (
    <Dialog open onOpenChange={(open) => !open && onDone()} title={title} closeLabel={t.close}>
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate();
        }}
      >
        {save.isError && <FormAlert>{problemOf(save.error)}</FormAlert>}
        {children}
        <TextAreaField
          label={noteLabel}
          required
          minLength={3}
          maxLength={500}
          value={note}
          error={fields.note}
          onChange={(event) => setNote(event.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onDone}>
            {t.close}
          </Button>
          <Button type="submit" busy={save.isPending}>
            {t.save}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
