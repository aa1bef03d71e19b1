import { formatShopDateTime, type AdminOrder } from '@shop/shared';
import { Badge, useLocale, useMessages } from '@shop/ui';
import { Link } from 'react-router';
import { ProofImage } from '../payments/proof-image';
import { ProofStatusBadge } from '../payments/proof-status';
import { paymentTexts } from '../payments/texts';
import { detailTexts } from './detail-texts';
import { formatMoney } from './money';
import { Card } from './card';

/** The order's payments: how the money came, who took the cash, what identifies a KHQR on the bank statement. */
export function OrderPayments({ order: o }: { order: AdminOrder }) {
  const t = useMessages(detailTexts);
  const { locale } = useLocale();
  return (
    <Card title={t.payments}>
      {o.payments.length === 0 ? (
        <p className="text-muted">{t.noPayments}</p>
      ) : (
        <table className="w-full text-left text-sm" aria-label={t.payments}>
          <thead className="border-b border-line text-muted">
            <tr>
              <th className="py-2 font-medium">{t.method}</th>
              <th className="py-2 font-medium">{t.status}</th>
              <th className="py-2 text-right font-medium">{t.amount}</th>
              <th className="py-2 pl-3 font-medium">{t.receivedBy}</th>
            </tr>
          </thead>
          <tbody>
            {o.payments.map((p) => (
              <tr
                key={p.id}
                className="border-b border-line align-top last:border-0"
                data-testid="payment-row"
              >
                <td className="py-2">
                  <span className="block font-medium">{t[p.method]}</span>
                  {(p.md5 ?? p.bakongHash) && (
                    <span className="block font-mono text-xs break-all text-muted" title={t.khqrIds}>
                      {p.md5 ?? '—'} / {p.bakongHash ?? '—'}
                    </span>
                  )}
                </td>
                <td className="py-2">
                  <Badge
                    tone={p.status === 'paid' ? 'success' : p.status === 'mismatch' ? 'danger' : 'neutral'}
                  >
                    {t.paymentStatus(p.status)}
                  </Badge>
                  {p.needsReconciliation && (
                    <Badge tone={p.reconciledAt ? 'success' : 'warning'} className="ml-1">
                      {p.reconciledAt ? t.reconciled : t.toReconcile}
                    </Badge>
                  )}
                  {p.paidAt && (
                    <span className="block text-xs text-muted">{formatShopDateTime(p.paidAt, locale)}</span>
                  )}
                </td>
                <td className="py-2 text-right tabular-nums">
                  {formatMoney(p.amount, p.currency)}
                  {p.tendered !== null && (
                    <span className="block text-xs text-muted">
                      {t.cashGiven(
                        formatMoney(p.tendered, p.currency),
                        formatMoney(p.change ?? 0, p.changeCurrency ?? p.currency),
                      )}
                    </span>
                  )}
                </td>
                <td className="py-2 pl-3">{p.receivedBy?.name ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}

/** Screenshots the customer sent for this order, with the picture and what staff decided. */
export function OrderProofs({ order: o }: { order: AdminOrder }) {
  const t = useMessages(detailTexts);
  const p = useMessages(paymentTexts);
  const { locale } = useLocale();
  if (o.proofs.length === 0) return null;
  return (
    <Card title={t.proofs}>
      <ul className="grid grid-cols-2 gap-4 lg:grid-cols-3">
        {o.proofs.map((proof) => (
          <li key={proof.id} className="space-y-2 text-sm">
            <ProofImage
              proofId={proof.id}
              alt={p.screenshotOf(o.number)}
              className="h-48 rounded-lg border border-line object-contain"
            />
            <ProofStatusBadge status={proof.status} />
            <span className="block text-muted">{formatShopDateTime(proof.uploadedAt, locale)}</span>
            {proof.sentByGuest && <span className="block text-muted">{p.sentByGuest}</span>}
            {proof.duplicateOfOrderNumber && (
              <Badge tone="danger">{p.duplicateOf(proof.duplicateOfOrderNumber)}</Badge>
            )}
            {proof.reason && <span className="block">{proof.reason}</span>}
            {proof.status === 'pending' && (
              <Link
                className="block font-medium text-brand-700 hover:underline"
                to="/back-office/payments/proofs"
              >
                {p.toQueue}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}

/** Money Bakong reported after the order stopped waiting for it: owed back, or sent back. */
export function OrderRefunds({ order: o }: { order: AdminOrder }) {
  const t = useMessages(detailTexts);
  const p = useMessages(paymentTexts);
  const { locale } = useLocale();
  if (o.refundsOwed.length === 0) return null;
  return (
    <Card title={t.refundsOwed}>
      <ul className="space-y-2 text-sm">
        {o.refundsOwed.map((refund) => (
          <li key={refund.id} className="flex flex-wrap items-center gap-3">
            <span className="font-semibold tabular-nums">{formatMoney(refund.amount, refund.currency)}</span>
            <Badge tone={refund.status === 'open' ? 'warning' : 'success'}>
              {refund.status === 'open' ? p.owed : p.refunded}
            </Badge>
            <span className="text-muted">{formatShopDateTime(refund.foundAt, locale)}</span>
            <span className="font-mono text-xs break-all text-muted">{refund.bakongHash ?? refund.md5}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
