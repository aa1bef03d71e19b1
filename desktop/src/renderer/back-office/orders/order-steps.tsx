import { handsOverGoods, type AdminOrder, type OrderStatus } from '@shop/shared';
import {
  Button,
  Dialog,
  FormAlert,
  orderStatusText,
  TextAreaField,
  useMessages,
  type ButtonVariant,
} from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { api, isApiError, problemOf } from '../api';
import { actionTexts } from './action-texts';
import { detailTexts } from './detail-texts';
import { SerialFields } from './serial-fields';

type Line = AdminOrder['items'][number];

/** Units of a serialized line still to be named: those not cancelled and not named at an earlier handover. */
export function unitsToName(line: Line): number {
  return line.serialized ? Math.max(0, line.quantity - line.cancelledQuantity - line.serials.length) : 0;
}

const ending: readonly OrderStatus[] = ['cancelled', 'refunded', 'delivery_failed'];

/**
 * The steps the shared state machine allows staff from here (the server's `nextStatuses`), one button each. A step
 * opens a confirmation with a reason; the handover asks for the serial number of every unit that leaves.
 */
export function OrderSteps({ order }: { order: AdminOrder }) {
  const t = useMessages(detailTexts);
  const statusText = useMessages(orderStatusText);
  const [moving, setMoving] = useState<OrderStatus | null>(null);
  if (order.nextStatuses.length === 0) return <p className="text-muted">{t.noNextSteps}</p>;
  return (
    <div className="flex flex-wrap gap-2">
      {order.nextStatuses.map((to) => {
        const variant: ButtonVariant = ending.includes(to) ? 'danger' : 'primary';
        return (
          <Button key={to} variant={variant} onClick={() => setMoving(to)}>
            {statusText[to]}
          </Button>
        );
      })}
      {moving && <StepDialog order={order} to={moving} onDone={() => setMoving(null)} />}
    </div>
  );
}

function StepDialog({ order, to, onDone }: { order: AdminOrder; to: OrderStatus; onDone: () => void }) {
  const t = useMessages(actionTexts);
  const statusText = useMessages(orderStatusText);
  const queries = useQueryClient();
  const toName = handsOverGoods(to) ? order.items.filter((line) => unitsToName(line) > 0) : [];
  const [serials, setSerials] = useState<Record<string, string[]>>(() =>
    Object.fromEntries(toName.map((line) => [line.id, Array<string>(unitsToName(line)).fill('')])),
  );
  const [reason, setReason] = useState('');
  const move = useMutation({
    mutationFn: () =>
      api.transitionOrder({
        params: { id: order.id },
        body: {
          to,
          ...(reason.trim() && { reason: reason.trim() }),
          ...(toName.length > 0 && {
            serials: Object.fromEntries(
              Object.entries(serials).map(([line, values]) => [line, values.map((value) => value.trim())]),
            ),
          }),
        },
      }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['orders'] });
      await queries.invalidateQueries({ queryKey: ['order', order.id] });
      onDone();
    },
  });
  const fields = isApiError(move.error) ? move.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    move.mutate();
  };

  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onDone()}
      title={t.moveTo(statusText[to])}
      description={t.moveWhy}
      closeLabel={t.close}
    >
      <form className="space-y-4" onSubmit={submit}>
        {move.isError && <FormAlert>{problemOf(move.error)}</FormAlert>}
        {toName.length > 0 && <p className="text-sm font-medium">{t.handover}</p>}
        {toName.map((line) => (
          <SerialFields
            key={line.id}
            values={serials[line.id] ?? []}
            onChange={(values) => setSerials((all) => ({ ...all, [line.id]: values }))}
            label={(unit, of) => t.unit(line.name, unit, of)}
            error={fields[`serials.${line.id}`]}
          />
        ))}
        <TextAreaField
          label={t.reason}
          value={reason}
          maxLength={500}
          error={fields.reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onDone}>
            {t.cancel}
          </Button>
          <Button type="submit" busy={move.isPending} variant={ending.includes(to) ? 'danger' : 'primary'}>
            {t.confirm}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
