import { formatShopDateTime, type PaymentProofReviewItem, type PaymentProofStatus } from '@shop/shared';
import {
  Badge,
  Button,
  Dialog,
  EmptyState,
  ErrorState,
  FormAlert,
  LoadingBlock,
  OrderStatusBadge,
  TextAreaField,
  TextField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, isApiError, problemOf } from '../api';
import { formatMoney } from '../orders/money';
import { backOfficeTexts } from '../texts';
import { Pager } from './pager';
import { StatusFilter, useStatusFilter } from './payments-screen';
import { ProofImage } from './proof-image';
import { ProofStatusBadge } from './proof-status';
import { paymentTexts } from './texts';

/**
 * The screenshot queue: each waiting screenshot next to what its order asks for, a picture sent before for another
 * order flagged; accepted with the transaction id it shows (the order becomes paid), or rejected with a reason the
 * customer is mailed.
 */
export function ProofQueue() {
  const t = useMessages(paymentTexts);
  const frame = useMessages(backOfficeTexts);
  const { status, page, setFilters, setPage } = useStatusFilter<PaymentProofStatus>('pending');
  const proofs = useQuery({
    queryKey: ['payment-proofs', status, page],
    queryFn: () => api.listPaymentProofs({ query: { status, page, pageSize: 10 } }),
    placeholderData: keepPreviousData,
  });
  return (
    <div className="space-y-4">
      <StatusFilter
        value={status}
        options={[
          ['pending', t.pending],
          ['accepted', t.accepted],
          ['rejected', t.rejected],
        ]}
        onChange={(value) => setFilters({ status: value === 'pending' ? '' : value })}
      />
      {proofs.isPending ? (
        <LoadingBlock label={t.proofs} />
      ) : proofs.isError ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(proofs.error)}
          onRetry={() => void proofs.refetch()}
          retryLabel={frame.retry}
        />
      ) : proofs.data.items.length === 0 ? (
        <EmptyState title={status === 'pending' ? t.queueEmpty : frame.nothingFound} />
      ) : (
        <>
          <ul className="space-y-4" aria-label={t.proofs}>
            {proofs.data.items.map((proof) => (
              <ProofCard key={proof.id} proof={proof} />
            ))}
          </ul>
          <Pager {...proofs.data} onPage={setPage} />
        </>
      )}
    </div>
  );
}

function ProofCard({ proof }: { proof: PaymentProofReviewItem }) {
  const t = useMessages(paymentTexts);
  const { locale } = useLocale();
  return (
    <li
      className="grid grid-cols-[16rem_1fr] gap-5 rounded-card border border-line bg-white p-4"
      data-testid="proof-card"
      aria-label={t.screenshotOf(proof.orderNumber)}
    >
      <ProofImage
        proofId={proof.id}
        alt={t.screenshotOf(proof.orderNumber)}
        className="max-h-80 w-64 rounded-lg border border-line object-contain"
      />
      <div className="space-y-3">
        <div className="flex flex-wrap items-center gap-3">
          <Link
            to={`/back-office/orders/${proof.orderId}`}
            className="font-mono text-lg font-semibold text-brand-700 hover:underline"
          >
            {proof.orderNumber}
          </Link>
          <OrderStatusBadge status={proof.orderStatus} />
          <ProofStatusBadge status={proof.status} />
        </div>
        <p className="text-xl font-semibold">{t.orderAsks(formatMoney(proof.amount, proof.currency))}</p>
        <p className="text-sm">
          {proof.sentByGuest ? t.guest(proof.customer.name) : proof.customer.name}
          {proof.customer.email && <span className="text-muted"> · {proof.customer.email}</span>}
        </p>
        <p className="text-sm text-muted">
          {t.uploaded}: {formatShopDateTime(proof.uploadedAt, locale)}
        </p>
        {proof.duplicateOfOrderNumber && (
          <p role="alert" className="rounded-lg bg-red-50 p-3 text-sm font-medium text-red-800">
            <Badge tone="danger" className="mr-2">
              {t.duplicateOf(proof.duplicateOfOrderNumber)}
            </Badge>
            {t.duplicateWarning(proof.duplicateOfOrderNumber)}
          </p>
        )}
        {proof.status === 'pending' ? (
          <ReviewForm proof={proof} />
        ) : (
          <p className="text-sm">
            {proof.reviewedAt && formatShopDateTime(proof.reviewedAt, locale)}{' '}
            {proof.reviewedBy && t.reviewedBy(proof.reviewedBy.name)}
            {proof.transactionRef && <span className="block font-mono">{proof.transactionRef}</span>}
            {proof.reason && <span className="block">{proof.reason}</span>}
          </p>
        )}
      </div>
    </li>
  );
}

function ReviewForm({ proof }: { proof: PaymentProofReviewItem }) {
  const t = useMessages(paymentTexts);
  const queries = useQueryClient();
  const [transactionRef, setTransactionRef] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const accept = useMutation({
    mutationFn: () =>
      api.reviewPaymentProof({
        params: { id: proof.id },
        body: { decision: 'accept', ...(transactionRef.trim() && { transactionRef: transactionRef.trim() }) },
      }),
    onSuccess: () => settled(queries, proof.orderId),
  });
  const fields = isApiError(accept.error) ? accept.error.fields : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate();
  };
  return (
    <form className="space-y-3" onSubmit={submit}>
      {accept.isError && <FormAlert>{problemOf(accept.error)}</FormAlert>}
      <TextField
        label={t.transactionRef}
        hint={t.transactionHint}
        className="max-w-md"
        autoComplete="off"
        value={transactionRef}
        error={fields.transactionRef}
        onChange={(event) => setTransactionRef(event.target.value)}
      />
      <div className="flex gap-2">
        <Button type="submit" busy={accept.isPending}>
          {t.accept}
        </Button>
        <Button type="button" variant="danger" onClick={() => setRejecting(true)}>
          {t.reject}
        </Button>
      </div>
      {rejecting && <RejectDialog proof={proof} onDone={() => setRejecting(false)} />}
    </form>
  );
}

function RejectDialog({ proof, onDone }: { proof: PaymentProofReviewItem; onDone: () => void }) {
  const t = useMessages(paymentTexts);
  const queries = useQueryClient();
  const [reason, setReason] = useState('');
  const reject = useMutation({
    mutationFn: () =>
      api.reviewPaymentProof({
        params: { id: proof.id },
        body: { decision: 'reject', reason: reason.trim() },
      }),
    onSuccess: async () => {
      await settled(queries, proof.orderId);
      onDone();
    },
  });
  const fields = isApiError(reject.error) ? reject.error.fields : {};
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onDone()}
      title={t.rejectTitle(proof.orderNumber)}
      closeLabel={t.close}
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          reject.mutate();
        }}
      >
        {reject.isError && <FormAlert>{problemOf(reject.error)}</FormAlert>}
        <TextAreaField
          label={t.rejectReason}
          required
          maxLength={500}
          value={reason}
          error={fields.reason}
          onChange={(event) => setReason(event.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="ghost" onClick={onDone}>
            {t.keep}
          </Button>
          <Button type="submit" variant="danger" busy={reject.isPending}>
            {t.reject}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** A decision changes the queue, the order and the orders list. */
async function settled(queries: ReturnType<typeof useQueryClient>, orderId: string) {
  await Promise.all([
    queries.invalidateQueries({ queryKey: ['payment-proofs'] }),
    queries.invalidateQueries({ queryKey: ['order', orderId] }),
    queries.invalidateQueries({ queryKey: ['orders'] }),
  ]);
}
