import type { InquiryStatus } from '@shop/shared';
import { Badge, useMessages } from '@shop/ui';
import { inquiryStatusText } from './texts';

// Open threads are the ones owing an answer: they stand out.
const tones = { open: 'warning', waiting_on_customer: 'info', closed: 'neutral' } as const;

export function InquiryStatusBadge({ status }: { status: InquiryStatus }) {
  const t = useMessages(inquiryStatusText);
  return <Badge tone={tones[status]}>{t[status]}</Badge>;
}
