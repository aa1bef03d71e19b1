import { Badge, useMessages } from '@shop/ui';
import type { InquiryStatus } from '@shop/shared';
import { inquiryStatusText } from './messages';

const tones = { open: 'warning', waiting_on_customer: 'info', closed: 'neutral' } as const;

/** Where a question stands: waiting for the shop, answered (waiting for the customer), or closed. */
export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  const t = useMessages(inquiryStatusText);
  return <Badge tone={tones[status]}>{t[status]}</Badge>;
}
