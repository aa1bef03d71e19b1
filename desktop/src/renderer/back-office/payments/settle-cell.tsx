import { Badge, Button, useMessages } from '@shop/ui';
import { paymentTexts } from './texts';

/**
 * The last cell of a list of payments staff settle (reconciliation, refunds owed): once settled, how (a badge), the
 * note and who; until then the button that opens the dialog to settle it.
 */
export function SettleCell({
  settled,
  action,
  onAct,
}: {
  settled: { outcome: string; note: string | null; by: { name: string } | null } | null;
  action: string;
  onAct: () => void;
}) {
  const t = useMessages(paymentTexts);
  if (!settled)
    return (
      <Button size="sm" variant="secondary" onClick={onAct}>
        {action}
      </Button>
    );
  return (
    <span className="text-xs">
      <Badge tone="success">{settled.outcome}</Badge>
      {settled.note && <span className="block">{settled.note}</span>}
      {settled.by && <span className="block text-muted">{t.reviewedBy(settled.by.name)}</span>}
    </span>
  );
}
