import {
  formatKhr,
  formatShopDate,
  formatShopDateTime,
  formatUsd,
  type ClaimPaymentInput,
  type ClaimPaymentResult,
  type ClaimStatus,
  type MoveClaimInput,
  type StaffClaim,
} from '@shop/shared';
import {
  Button,
  buttonClass,
  Dialog,
  ErrorState,
  FormAlert,
  LoadingBlock,
  TextField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { useBlobUrl } from '../orders/blob-url';
import { KhqrCard, minutesAndSeconds, useNow } from '../../pay/khqr-card';
import { ClaimStatusBadge } from './claim-status';
import { repairTexts } from './texts';

/** One claim: the unit and its customer, the quote, the next moves the state table allows, the steps, the slip. */
export function ClaimView() {
  const { id = '' } = useParams();
  const t = useMessages(repairTexts);
  const frame = useMessages(backOfficeTexts);
  const claim = useQuery({
    queryKey: ['repairs', 'claim', id],
    queryFn: () => api.getClaim({ params: { id } }),
  });
  return (
    <section className="max-w-4xl space-y-4">
      <Link to="/back-office/repairs" className={buttonClass('ghost', 'sm', '-ml-3')}>
        ← {t.back}
      </Link>
      {claim.isPending ? (
        <LoadingBlock label={t.loading} />
      ) : claim.isError ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(claim.error)}
          onRetry={() => void claim.refetch()}
          retryLabel={frame.retry}
        />
      ) : (
        <ClaimDetail claim={claim.data} />
      )}
    </section>
  );
}

function useClaimChanged() {
  const queries = useQueryClient();
  return (changed: StaffClaim) => {
    queries.setQueryData(['repairs', 'claim', changed.id], changed);
    void queries.invalidateQueries({ queryKey: ['repairs', 'claims'] });
    void queries.invalidateQueries({ queryKey: ['repairs', 'serial'] });
  };
}

function ClaimDetail({ claim }: { claim: StaffClaim }) {
  const t = useMessages(repairTexts);
  const { locale } = useLocale();
  const contact = [claim.customer.name, claim.customer.phone, claim.customer.email]
    .filter(Boolean)
    .join(' · ');
  const needsQuote = !claim.inWarranty && (claim.status === 'received' || claim.status === 'diagnosing');
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="flex items-center gap-3 text-2xl font-semibold">
          <span className="font-mono">{claim.number}</span>
          <ClaimStatusBadge status={claim.status} />
        </h1>
        <SlipButton claim={claim} />
      </div>
      <dl className="grid grid-cols-[12rem_minmax(0,1fr)] gap-x-4 gap-y-2 rounded-card border border-line bg-white p-4">
        <dt className="text-muted">{t.product}</dt>
        <dd>
          {claim.product.name} · <span className="font-mono">{claim.serial}</span>
        </dd>
        <dt className="text-muted">{t.customer}</dt>
        <dd>{contact}</dd>
        {claim.orderNumber && (
          <>
            <dt className="text-muted">{t.order}</dt>
            <dd>
              {claim.orderId ? (
                <Link to={`/back-office/orders/${claim.orderId}`} className="underline">
                  {claim.orderNumber}
                </Link>
              ) : (
                claim.orderNumber
              )}
            </dd>
          </>
        )}
        <dt className="text-muted">{t.warranty}</dt>
        <dd>
          {claim.inWarranty ? t.inWarranty : t.outOfWarranty}
          {claim.warrantyUntil !== null &&
            ` · ${t.warrantyUntil(formatShopDate(claim.warrantyUntil, locale))}`}
        </dd>
        <dt className="text-muted">{t.fault}</dt>
        <dd className="whitespace-pre-wrap">{claim.fault}</dd>
        <dt className="text-muted">{t.accessories}</dt>
        <dd className="whitespace-pre-wrap">{claim.accessories || '—'}</dd>
        {claim.replacementSerial && (
          <>
            <dt className="text-muted">{t.replacementSerial}</dt>
            <dd className="font-mono">{t.replacement(claim.replacementSerial)}</dd>
          </>
        )}
        {claim.refusalReason && (
          <>
            <dt className="text-muted">{t.reason}</dt>
            <dd>{t.refusal(claim.refusalReason)}</dd>
          </>
        )}
      </dl>
      <Photos claim={claim} />
      {(needsQuote || claim.quoteCents !== null) && <QuoteBox claim={claim} open={needsQuote} />}
      {(claim.paymentDue || claim.repairOrder) && <PaymentBox claim={claim} />}
      {claim.nextStatuses.length > 0 && <MoveBox claim={claim} />}
      <div className="rounded-card border border-line bg-white p-4">
        <h2 className="mb-2 font-semibold">{t.steps}</h2>
        <ol className="space-y-1" aria-label={t.steps}>
          {claim.events.map((event, i) => (
            <li key={i} className="flex flex-wrap items-center gap-2 text-sm">
              <ClaimStatusBadge status={event.to} />
              <span className="text-muted">{formatShopDateTime(event.at, locale)}</span>
              {event.by && <span>{t.by(event.by.name)}</span>}
              {event.note && <span className="text-muted">— {event.note}</span>}
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}

function QuoteBox({ claim, open }: { claim: StaffClaim; open: boolean }) {
  const t = useMessages(repairTexts);
  const { locale } = useLocale();
  const changed = useClaimChanged();
  const [price, setPrice] = useState(claim.quoteCents === null ? '' : (claim.quoteCents / 100).toFixed(2));
  const quote = useMutation({
    mutationFn: (priceCents: number) => api.quoteClaim({ params: { id: claim.id }, body: { priceCents } }),
    onSuccess: changed,
  });
  const accept = useMutation({
    mutationFn: () => api.recordClaimQuoteAcceptance({ params: { id: claim.id } }),
    onSuccess: changed,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cents = Math.round(Number(price) * 100);
    if (Number.isFinite(cents) && cents >= 0) quote.mutate(cents);
  };
  const failed = quote.error ?? accept.error;
  return (
    <div className="space-y-3 rounded-card border border-amber-200 bg-amber-50 p-4">
      <h2 className="font-semibold">{t.quote}</h2>
      {failed && <FormAlert>{problemOf(failed)}</FormAlert>}
      {claim.quoteCents !== null && (
        <p>
          <span className="text-lg font-semibold">{formatUsd(claim.quoteCents)}</span> ·{' '}
          {claim.quoteAcceptedAt !== null
            ? t.quoteAccepted(formatShopDateTime(claim.quoteAcceptedAt, locale))
            : t.quoteWaiting}
        </p>
      )}
      {open && claim.quoteAcceptedAt === null && (
        <div className="flex flex-wrap items-end gap-3">
          <form onSubmit={submit} className="flex items-end gap-3">
            <TextField
              label={t.quotePrice}
              inputMode="decimal"
              value={price}
              onChange={(event) => setPrice(event.target.value)}
            />
            <Button type="submit" variant="secondary" busy={quote.isPending}>
              {t.setQuote}
            </Button>
          </form>
          {claim.quoteCents !== null && (
            <Button onClick={() => accept.mutate()} busy={accept.isPending}>
              {t.recordAcceptance}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

type PayMethod = 'cash-USD' | 'cash-KHR' | 'khqr';

/**
 * An out-of-warranty repair's accepted quote, taken at pickup before the unit goes back: cash in dollars or riel
 * (the change is worked out by the server) or a KHQR the customer scans (the claim is polled until the payment job
 * sees it paid), recorded as an order on the customer's account.
 */
function PaymentBox({ claim }: { claim: StaffClaim }) {
  const t = useMessages(repairTexts);
  const { locale } = useLocale();
  const changed = useClaimChanged();
  const now = useNow();
  const [method, setMethod] = useState<PayMethod>('cash-USD');
  const [tendered, setTendered] = useState('');
  const [taken, setTaken] = useState<ClaimPaymentResult['payment'] | null>(null);
  const pay = useMutation({
    mutationFn: (body: ClaimPaymentInput) => api.payClaimRepair({ params: { id: claim.id }, body }),
    onSuccess: (result) => {
      setTaken(result.payment);
      setTendered('');
      changed(result.claim);
    },
  });
  const waitingQr = claim.paymentDue && taken?.method === 'khqr' ? taken : null;
  // While a KHQR waits, the claim is asked again until the payment job has seen the money.
  useQuery({
    queryKey: ['repairs', 'claim', claim.id],
    queryFn: () => api.getClaim({ params: { id: claim.id } }),
    enabled: waitingQr !== null,
    refetchInterval: 2_000,
  });
  const due = claim.amountDue;
  const money = (currencyOf: 'USD' | 'KHR', minor: number) =>
    currencyOf === 'USD' ? formatUsd(minor) : formatKhr(minor);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (method === 'khqr') return pay.mutate({ method: 'khqr', currency: 'USD' });
    const currency = method === 'cash-USD' ? 'USD' : 'KHR';
    const value = Number(tendered.replace(/[,\s]/g, ''));
    if (!Number.isFinite(value) || value < 0) return;
    pay.mutate({
      method: 'cash',
      currency,
      tendered: currency === 'USD' ? Math.round(value * 100) : Math.round(value),
    });
  };
  const methods: { key: PayMethod; label: string }[] = [
    { key: 'cash-USD', label: t.cashUsd },
    { key: 'cash-KHR', label: t.cashKhr },
    { key: 'khqr', label: t.khqr },
  ];
  return (
    <div
      className="space-y-3 rounded-card border border-emerald-200 bg-emerald-50 p-4"
      aria-label={t.payment}
    >
      <h2 className="font-semibold">{t.payment}</h2>
      {pay.isError && <FormAlert>{problemOf(pay.error)}</FormAlert>}
      {taken?.method === 'cash' && (
        <p role="status" className="rounded-lg bg-white p-3 text-lg">
          {t.paid(money(taken.currency, taken.amount), taken.orderNumber)} ·{' '}
          <strong>{t.change(money(taken.currency, taken.change ?? 0))}</strong>
        </p>
      )}
      {claim.repairOrder?.paidAt != null && taken?.method !== 'cash' && (
        <p role="status">
          {t.paidWith(claim.repairOrder.number)} · {formatShopDateTime(claim.repairOrder.paidAt, locale)}
        </p>
      )}
      {claim.repairOrder && (
        <Link to={`/back-office/orders/${claim.repairOrder.id}`} className="underline">
          {t.openOrder(claim.repairOrder.number)}
        </Link>
      )}
      {waitingQr?.khqr && (
        <KhqrCard
          khqr={waitingQr.khqr.qr}
          heading={t.scanToPay}
          amount={money(waitingQr.currency, waitingQr.amount)}
          footer={t.expiresIn(minutesAndSeconds(waitingQr.khqr.expiresAt - now))}
        />
      )}
      {claim.paymentDue && due && !waitingQr && (
        <>
          <p>
            {t.due}: <span className="text-lg font-semibold">{formatUsd(due.usdCents)}</span> ·{' '}
            <span className="text-lg font-semibold">{formatKhr(due.khr)}</span>
          </p>
          <p className="text-sm text-muted">{t.payBeforeReturn}</p>
          {claim.repairOrder && claim.repairOrder.paidAt === null && (
            <p className="text-sm">{t.qrWaiting(claim.repairOrder.number)}</p>
          )}
          <form onSubmit={submit} className="flex flex-wrap items-end gap-3">
            <div role="group" aria-label={t.payBy} className="flex gap-2">
              {methods.map(({ key, label }) => (
                <Button
                  key={key}
                  type="button"
                  size="sm"
                  variant={method === key ? 'primary' : 'secondary'}
                  aria-pressed={method === key}
                  onClick={() => setMethod(key)}
                >
                  {label}
                </Button>
              ))}
            </div>
            {method !== 'khqr' && (
              <TextField
                label={method === 'cash-USD' ? t.tenderedUsd : t.tenderedKhr}
                inputMode={method === 'cash-USD' ? 'decimal' : 'numeric'}
                value={tendered}
                onChange={(event) => setTendered(event.target.value)}
                required
              />
            )}
            <Button type="submit" busy={pay.isPending}>
              {method === 'khqr' ? t.showKhqr : t.takePayment}
            </Button>
          </form>
        </>
      )}
    </div>
  );
}

function MoveBox({ claim }: { claim: StaffClaim }) {
  const t = useMessages(repairTexts);
  const changed = useClaimChanged();
  const [to, setTo] = useState<ClaimStatus | null>(null);
  const [note, setNote] = useState('');
  const [reason, setReason] = useState('');
  const [replacementSerial, setReplacementSerial] = useState('');
  const move = useMutation({
    mutationFn: (body: MoveClaimInput) => api.moveClaim({ params: { id: claim.id }, body }),
    onSuccess: (next) => {
      changed(next);
      setTo(null);
      setNote('');
      setReason('');
      setReplacementSerial('');
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!to) return;
    move.mutate({
      to,
      ...(note.trim() && { note: note.trim() }),
      ...(to === 'refused' && { reason: reason.trim() }),
      ...(to === 'replaced' && { replacementSerial: replacementSerial.trim() }),
    });
  };
  return (
    <form onSubmit={submit} className="space-y-3 rounded-card border border-line bg-white p-4">
      <h2 className="font-semibold">{t.moveTo}</h2>
      {move.isError && <FormAlert>{problemOf(move.error)}</FormAlert>}
      <div role="group" aria-label={t.moveTo} className="flex flex-wrap gap-2">
        {claim.nextStatuses.map((status) => (
          <Button
            key={status}
            type="button"
            size="sm"
            variant={to === status ? 'primary' : 'secondary'}
            aria-pressed={to === status}
            // The unit goes back once its accepted quote is paid (the server refuses it otherwise).
            disabled={status === 'returned' && claim.paymentDue}
            title={status === 'returned' && claim.paymentDue ? t.payBeforeReturn : undefined}
            onClick={() => setTo(status)}
          >
            {t.statusName(status)}
          </Button>
        ))}
      </div>
      {to === 'replaced' && (
        <TextField
          label={t.replacementSerial}
          value={replacementSerial}
          onChange={(event) => setReplacementSerial(event.target.value)}
          autoFocus
          autoComplete="off"
          required
        />
      )}
      {to === 'refused' && (
        <TextField
          label={t.reason}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          required
        />
      )}
      {to && <TextField label={t.note} value={note} onChange={(event) => setNote(event.target.value)} />}
      {to && (
        <Button type="submit" busy={move.isPending}>
          {t.confirmMove}: {t.statusName(to)}
        </Button>
      )}
    </form>
  );
}

/** The claim slip from the server (A5, with the barcode), shown from its text and printed from the dialog. */
function SlipButton({ claim }: { claim: StaffClaim }) {
  const t = useMessages(repairTexts);
  const frame = useMessages(backOfficeTexts);
  const [open, setOpen] = useState(false);
  const page = useRef<HTMLIFrameElement>(null);
  const html = useQuery({
    queryKey: ['repairs', 'slip', claim.id, claim.updatedAt],
    queryFn: async () => (await api.claimSlip({ params: { id: claim.id } })).text(),
    enabled: open,
    gcTime: 0,
  });
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t.slip}
      </Button>
      {open && (
        <Dialog
          open
          onOpenChange={(next) => !next && setOpen(false)}
          title={t.slipTitle(claim.number)}
          closeLabel={t.close}
        >
          {html.isError ? (
            <ErrorState
              title={frame.loadFailed}
              detail={problemOf(html.error)}
              onRetry={() => void html.refetch()}
              retryLabel={frame.retry}
            />
          ) : html.data === undefined ? (
            <LoadingBlock label={t.loading} />
          ) : (
            <div className="space-y-3">
              <iframe
                ref={page}
                srcDoc={html.data}
                sandbox="allow-same-origin allow-modals"
                title={t.slipTitle(claim.number)}
                className="h-[60vh] w-full rounded-lg border border-line bg-white"
              />
              <div className="flex justify-end">
                <Button onClick={() => page.current?.contentWindow?.print()}>{t.print}</Button>
              </div>
            </div>
          )}
        </Dialog>
      )}
    </>
  );
}

/** Photos of the unit as it came in: added from a file (a phone's picture, a webcam shot), shown small. */
function Photos({ claim }: { claim: StaffClaim }) {
  const t = useMessages(repairTexts);
  const changed = useClaimChanged();
  const add = useMutation({
    mutationFn: (file: File) => api.uploadClaimPhoto({ params: { id: claim.id }, file, fileName: file.name }),
    onSuccess: changed,
  });
  return (
    <div className="space-y-3 rounded-card border border-line bg-white p-4">
      <h2 className="font-semibold">{t.photos}</h2>
      {add.isError && <FormAlert>{problemOf(add.error)}</FormAlert>}
      {claim.photos.length > 0 && (
        <ul className="flex flex-wrap gap-2">
          {claim.photos.map((photo) => (
            <li key={photo.id}>
              <Photo claimId={claim.id} photoId={photo.id} />
            </li>
          ))}
        </ul>
      )}
      <label className={buttonClass('secondary', 'sm', 'cursor-pointer')}>
        {add.isPending ? t.loading : t.addPhoto}
        <input
          type="file"
          accept="image/jpeg,image/png,image/webp"
          className="sr-only"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) add.mutate(file);
            event.target.value = '';
          }}
        />
      </label>
    </div>
  );
}

function Photo({ claimId, photoId }: { claimId: string; photoId: string }) {
  const t = useMessages(repairTexts);
  const image = useQuery({
    queryKey: ['repairs', 'photo', photoId],
    queryFn: () => api.getClaimPhoto({ params: { id: claimId, photoId } }),
    staleTime: Infinity,
  });
  const url = useBlobUrl(image.data);
  return url ? (
    <img src={url} alt={t.photos} className="size-28 rounded-lg border border-line object-cover" />
  ) : (
    <div className="size-28 animate-pulse rounded-lg bg-slate-100" />
  );
}
