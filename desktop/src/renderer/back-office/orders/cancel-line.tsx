import { orderLineCancelReasons, type AdminOrder, type OrderLineCancelReason } from '@shop/shared';
import { Button, Dialog, FormAlert, SelectField, TextAreaField, TextField, useMessages } from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, isApiError, problemOf } from '../api';
import { actionTexts, cancelReasonTexts } from './action-texts';
import { SerialFields } from './serial-fields';

type Line = AdminOrder['items'][number];

/**
 * Cancels units of one line with a reason. Units that left with their serial numbers come back by name, and so does
 * a damaged serialized unit (it goes to repair, never to a customer); the server says so when one is missing.
 */
export function CancelLineDialog({
  order,
  line,
  onDone,
}: {
  order: AdminOrder;
  line: Line;
  onDone: () => void;
}) {
  const t = useMessages(actionTexts);
  const reasons = useMessages(cancelReasonTexts);
  const queries = useQueryClient();
  const most = line.quantity - line.cancelledQuantity;
  const [quantity, setQuantity] = useState(1);
  const [reason, setReason] = useState<OrderLineCancelReason>('customer_request');
  const [note, setNote] = useState('');
  const [serials, setSerials] = useState<string[]>([]);
  const namesSerials = line.serialized && (line.serials.length > 0 || reason === 'damaged');
  const shownSerials = namesSerials ? Array.from({ length: quantity }, (_, at) => serials[at] ?? '') : [];
  const cancel = useMutation({
    mutationFn: () =>
      api.cancelOrderLine({
        params: { id: order.id, lineId: line.id },
        body: {
          quantity,
          reason,
          ...(note.trim() && { note: note.trim() }),
          ...(namesSerials && { serials: shownSerials.map((serial) => serial.trim()) }),
        },
      }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['orders'] });
      await queries.invalidateQueries({ queryKey: ['order', order.id] });
      onDone();
    },
  });
  const fields = isApiError(cancel.error) ? cancel.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    cancel.mutate();
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onDone()}
      title={t.cancelLineTitle(line.name)}
      description={t.cancelLineWhy(order.paidAt !== null)}
      closeLabel={t.close}
    >
      <form className="space-y-4" onSubmit={submit}>
        {cancel.isError && <FormAlert>{problemOf(cancel.error)}</FormAlert>}
        <TextField
          label={t.quantityToCancel(most)}
          type="number"
          min={1}
          max={most}
          value={quantity}
          error={fields.quantity}
          onChange={(event) => setQuantity(Math.min(most, Math.max(1, Number(event.target.value) || 1)))}
        />
        <SelectField
          label={t.cancelReason}
          value={reason}
          onChange={(event) => setReason(event.target.value as OrderLineCancelReason)}
        >
          {orderLineCancelReasons.map((code) => (
            <option key={code} value={code}>
              {reasons[code]}
            </option>
          ))}
        </SelectField>
        <TextAreaField
          label={t.note}
          value={note}
          maxLength={300}
          error={fields.note}
          onChange={(event) => setNote(event.target.value)}
        />
        {namesSerials && (
          <SerialFields
            values={shownSerials}
            onChange={setSerials}
            label={(unit, of) => `${t.serialsBack} ${unit}/${of}`}
            error={fields.serials}
          />
        )}
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onDone}>
            {t.cancel}
          </Button>
          <Button type="submit" variant="danger" busy={cancel.isPending}>
            {t.cancelUnits}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
