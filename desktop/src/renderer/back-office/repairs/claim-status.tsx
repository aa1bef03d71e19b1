import type { ClaimStatus } from '@shop/shared';
import { Badge, useMessages } from '@shop/ui';
import { repairTexts } from './texts';

const tones = {
  received: 'warning',
  diagnosing: 'info',
  sent_to_supplier: 'neutral',
  back_from_supplier: 'warning',
  repaired: 'success',
  replaced: 'success',
  refused: 'danger',
  returned: 'neutral',
} as const satisfies Record<ClaimStatus, string>;

export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const t = useMessages(repairTexts);
  return <Badge tone={tones[status]}>{t.statusName(status)}</Badge>;
}
