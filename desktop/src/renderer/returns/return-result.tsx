import { formatKhr, formatUsd } from '@shop/shared';
import { Badge, useMessages } from '@shop/ui';
import type { ReturnableSale } from '../../core/pos/returnable';
import type { TakenReturn } from '../../core/pos/returns';
import type { SyncStatus } from '../../core/sync/status';
import { returnTexts } from './texts';

/**
 * The return as taken: what came back, the money handed over, and what goes to the shop's server (the return item
 * as queued), waiting or sent.
 */
export function ReturnResult({
  taken,
  sale,
  status,
}: {
  taken: TakenReturn;
  sale: ReturnableSale;
  status: SyncStatus;
}) {
  const t = useMessages(returnTexts);
  const item = taken.queued;
  const nameOf = (productId: string) => sale.lines.find((l) => l.productId === productId)?.name ?? productId;
  const units = item.lines.reduce((sum, l) => sum + l.quantity, 0);
  const waiting = status.pending > 0;
  return (
    <section
      data-testid="return-result"
      className="grid gap-3 rounded-card border border-emerald-300 bg-emerald-50 p-4"
    >
      <h2 className="text-xl font-bold">{t.taken}</h2>
      <ul className="grid gap-1">
        {item.lines.map((line) => (
          <li key={line.productId}>
            <span className="font-semibold">{line.quantity} × </span>
            {nameOf(line.productId)}
            {line.serials?.length ? (
              <span className="font-mono text-sm text-muted"> ({line.serials.join(', ')})</span>
            ) : null}
          </li>
        ))}
      </ul>
      <p data-testid="refunded" className="text-2xl font-bold tabular-nums">
        {t.refunded}:{' '}
        {item.refunds
          .map((r) =>
            `${r.currency === 'USD' ? formatUsd(r.amount) : formatKhr(r.amount)} ${r.method === 'khqr' ? 'KHQR' : ''}`.trim(),
          )
          .join(' + ')}
      </p>
      <p className="text-sm">
        {t.reason}: {item.reason}
      </p>
      <div className="flex flex-wrap items-center gap-2 border-t border-emerald-200 pt-3 text-sm">
        <span data-testid="return-sync">
          <Badge tone={waiting ? 'warning' : 'success'} className="px-3 py-1">
            {waiting ? t.willSync : t.synced}
          </Badge>
        </span>
        <span>
          {t.syncItem(item.lines.length, units)} · {t.returnId} <span className="font-mono">{item.id}</span>
        </span>
      </div>
    </section>
  );
}
