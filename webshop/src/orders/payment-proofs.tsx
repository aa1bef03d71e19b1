import { Button, cn, InlineError, useLocale, useMessages } from '@shop/ui';
import { paymentProofMaxBytes, type PaymentProof } from '@shop/shared';
import { CheckCircle2, Clock, ImageUp, XCircle } from 'lucide-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { isApiError } from '../api/client';
import { usePaymentProofs, useUploadPaymentProof } from '../api/orders';
import { formatDateTime } from '../i18n/format';
import { useToast } from '../ui/toast';
import { paymentText } from './messages';

const ACCEPTED_TYPES = ['image/jpeg', 'image/png', 'image/webp'];
const MAX_MB = Math.round(paymentProofMaxBytes / (1024 * 1024));

/**
 * The fallback when the KHQR check cannot see a payment: the customer (or the guest holding the order's link) sends
 * a screenshot of the transfer and sees what staff decided. A screenshot never makes the order paid by itself;
 * staff accepting it does.
 */
export function PaymentProofs({ orderId, inReview = false }: { orderId: string; inReview?: boolean }) {
  const t = useMessages(paymentText);
  const proofs = usePaymentProofs(orderId);
  const items = proofs.data ?? [];
  const [open, setOpen] = useState(false);
  const formId = useId();
  // After a rejection the customer is asked for a better picture straight away.
  const showForm = open || items[0]?.status === 'rejected';

  return (
    <div className="rounded-card border border-line bg-slate-50/60 p-4">
      <p className="text-sm font-semibold">{inReview ? t.proofReviewHeading : t.proofHeading}</p>
      {!showForm && (
        <button
          type="button"
          aria-expanded={false}
          aria-controls={formId}
          onClick={() => setOpen(true)}
          className="mt-1 inline-flex items-start gap-2 text-left text-sm font-semibold text-brand-700 underline underline-offset-2 hover:no-underline"
        >
          <ImageUp className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
          {items.length > 0 ? t.proofAnother : inReview ? t.proofReviewToggle : t.proofToggle}
        </button>
      )}
      {showForm && <ProofForm id={formId} orderId={orderId} onSent={() => setOpen(false)} />}
      {items.length > 0 && <ProofList items={items} />}
    </div>
  );
}

function ProofForm({ id, orderId, onSent }: { id: string; orderId: string; onSent: () => void }) {
  const t = useMessages(paymentText);
  const notify = useToast();
  const upload = useUploadPaymentProof(orderId);
  const inputId = useId();
  const [file, setFile] = useState<File | null>(null);
  const [error, setError] = useState<string | null>(null);
  const preview = usePreview(file);

  const choose = (chosen: File | null) => {
    upload.reset();
    setError(null);
    setFile(null);
    if (!chosen) return;
    if (!ACCEPTED_TYPES.includes(chosen.type)) return setError(t.proofWrongType);
    if (chosen.size > paymentProofMaxBytes) return setError(t.proofTooBig(MAX_MB));
    setFile(chosen);
  };

  const send = (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t.proofChoose);
    upload.mutate(file, {
      onSuccess: () => {
        notify({ title: t.proofSent });
        onSent();
      },
      onError: (failure) =>
        setError(isApiError(failure) && failure.status !== 500 ? failure.message : t.proofFailed),
    });
  };

  return (
    <form id={id} onSubmit={send} className="mt-2 space-y-3" noValidate>
      <p className="text-sm text-muted">{t.proofText}</p>
      <div className="space-y-1">
        <label htmlFor={inputId} className="block text-sm font-medium">
          {t.proofLabel}
        </label>
        <input
          id={inputId}
          type="file"
          accept={ACCEPTED_TYPES.join(',')}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          onChange={(event) => choose(event.target.files?.[0] ?? null)}
          className="block w-full text-sm file:mr-3 file:h-10 file:cursor-pointer file:rounded-lg file:border file:border-line file:bg-white file:px-4 file:font-semibold file:text-ink hover:file:bg-slate-50"
        />
        {error && <InlineError id={`${inputId}-error`}>{error}</InlineError>}
      </div>
      {preview && (
        <img
          src={preview}
          alt=""
          width={96}
          height={96}
          className="size-24 rounded-lg border border-line bg-white object-contain"
        />
      )}
      <Button type="submit" variant="secondary" busy={upload.isPending} disabled={!file}>
        <ImageUp className="size-4" aria-hidden="true" />
        {t.proofSend}
      </Button>
    </form>
  );
}

/** A local preview of the chosen picture, released when it changes. */
function usePreview(file: File | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setUrl(null);
    const next = URL.createObjectURL(file);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [file]);
  return url;
}

function ProofList({ items }: { items: PaymentProof[] }) {
  const t = useMessages(paymentText);
  const { locale } = useLocale();
  const look = {
    pending: { icon: Clock, text: t.proofPending, tone: 'text-amber-800' },
    accepted: { icon: CheckCircle2, text: t.proofAccepted, tone: 'text-emerald-700' },
    rejected: { icon: XCircle, text: t.proofRejected, tone: 'text-red-700' },
  };
  return (
    <div className="mt-4 border-t border-line pt-3">
      <p className="text-sm font-semibold">{t.proofsTitle}</p>
      <ul className="mt-2 space-y-2" aria-live="polite">
        {items.map((proof) => {
          const { icon: Icon, text, tone } = look[proof.status];
          return (
            <li key={proof.id} className="flex gap-2 text-sm">
              <Icon className={cn('mt-0.5 size-4 shrink-0', tone)} aria-hidden="true" />
              <div>
                <p className={cn('font-semibold', tone)}>{text}</p>
                {proof.reason && <p className="text-ink">{t.proofReason(proof.reason)}</p>}
                <p className="text-xs text-muted">
                  {t.proofUploaded(formatDateTime(proof.uploadedAt, locale))}
                </p>
              </div>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
