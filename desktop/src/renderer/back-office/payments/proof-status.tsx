import type { PaymentProofStatus } from '@shop/shared';
import { Badge, useMessages } from '@shop/ui';
import { paymentTexts } from './texts';

export function ProofStatusBadge({ status }: { status: PaymentProofStatus }) {
  const t = useMessages(paymentTexts);
  const tone = status === 'accepted' ? 'success' : status === 'rejected' ? 'danger' : 'warning';
  return <Badge tone={tone}>{t[status]}</Badge>;
}
