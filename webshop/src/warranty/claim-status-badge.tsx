import { Badge, useMessages } from '@shop/ui';
import type { ClaimStatus, WarrantyState } from '@shop/shared';
import { warrantyText } from './messages';

const claimTones = {
  received: 'info',
  diagnosing: 'info',
  sent_to_supplier: 'warning',
  back_from_supplier: 'info',
  repaired: 'success',
  replaced: 'success',
  refused: 'danger',
  returned: 'neutral',
} as const satisfies Record<ClaimStatus, string>;

const warrantyTones = {
  in_warranty: 'success',
  expired: 'warning',
  replaced: 'info',
  unknown: 'neutral',
} as const satisfies Record<WarrantyState, string>;

/** Where a repair stands. */
export function ClaimStatusBadge({ status }: { status: ClaimStatus }) {
  const t = useMessages(warrantyText);
  return <Badge tone={claimTones[status]}>{t.status(status)}</Badge>;
}

/** What a serial number's warranty is. */
export function WarrantyStateBadge({ state }: { state: WarrantyState }) {
  const t = useMessages(warrantyText);
  return <Badge tone={warrantyTones[state]}>{t.state(state)}</Badge>;
}
