import { Button, buttonClass, InlineError, useMessages } from '@shop/ui';
import type { Order } from '@shop/shared';
import { useMutation } from '@tanstack/react-query';
import { Ban, FileDown, MessageCircleQuestion } from 'lucide-react';
import { AlertDialog } from 'radix-ui';
import { useState } from 'react';
import { downloadInvoice, useCancelOrder } from '../api/orders';
import { ButtonLink } from '../ui/button-link';
import { useToast } from '../ui/toast';
import { orderText } from './messages';

/** The invoice, cancelling while unpaid, and a question to the shop about this order. */
export function OrderActions({ order }: { order: Order }) {
  const t = useMessages(orderText);
  const invoice = useMutation({ mutationFn: () => downloadInvoice(order) });
  const canCancel = order.nextStatuses.includes('cancelled');

  // The invoice is an account's (a guest gets one once the order is in an account).
  const inAccount = order.customer.id !== null;

  return (
    <div className="flex flex-col gap-2">
      {inAccount && (
        <Button variant="secondary" onClick={() => invoice.mutate()} busy={invoice.isPending}>
          <FileDown className="size-4" aria-hidden="true" />
          {t.invoice}
        </Button>
      )}
      {invoice.isError && <InlineError>{t.invoiceFailed}</InlineError>}
      <ButtonLink to={`/contact?order=${encodeURIComponent(order.id)}`} variant="secondary">
        <MessageCircleQuestion className="size-4" aria-hidden="true" />
        {t.ask}
      </ButtonLink>
      {canCancel && <CancelOrder order={order} />}
    </div>
  );
}

function CancelOrder({ order }: { order: Order }) {
  const t = useMessages(orderText);
  const notify = useToast();
  const cancel = useCancelOrder(order.id);
  const [open, setOpen] = useState(false);

  const confirm = () =>
    cancel.mutate(undefined, {
      onSuccess: () => {
        setOpen(false);
        notify({ title: t.cancelled });
      },
    });

  return (
    <AlertDialog.Root open={open} onOpenChange={(next) => !cancel.isPending && setOpen(next)}>
      <AlertDialog.Trigger asChild>
        <Button variant="ghost" className="text-red-700 hover:bg-red-50">
          <Ban className="size-4" aria-hidden="true" />
          {t.cancel}
        </Button>
      </AlertDialog.Trigger>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-[min(28rem,calc(100vw-2rem))] -translate-x-1/2 -translate-y-1/2 rounded-card bg-white p-6 shadow-xl focus:outline-none">
          <AlertDialog.Title className="text-lg font-bold">{t.cancelTitle}</AlertDialog.Title>
          <AlertDialog.Description className="mt-2 text-sm text-muted">
            {t.cancelText}
          </AlertDialog.Description>
          {cancel.isError && (
            <InlineError className="mt-3">
              {t.cancelFailed} {cancel.error.message}
            </InlineError>
          )}
          <div className="mt-6 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <AlertDialog.Cancel className={buttonClass('secondary')} disabled={cancel.isPending}>
              {t.cancelKeep}
            </AlertDialog.Cancel>
            {/* Not AlertDialog.Action: that would close the dialog before the answer comes. */}
            <Button variant="danger" onClick={confirm} busy={cancel.isPending}>
              {t.cancelConfirm}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
