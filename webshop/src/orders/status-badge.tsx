import { Badge, useMessages } from '@shop/ui';
import type { OrderStatus } from '@shop/shared';
import { orderStatusText } from './messages';

const tones: Record<OrderStatus, 'neutral' | 'success' | 'warning' | 'danger' | 'info'> = {
  pending_payment: 'warning',
  payment_review: 'info',
  paid: 'success',
  processing: 'info',
  ready_for_pickup: 'success',
  picked_up: 'success',
  out_for_delivery: 'info',
  delivered: 'success',
  delivery_failed: 'danger',
  cancelled: 'neutral',
  expired: 'neutral',
  refunded: 'neutral',
};

export function OrderStatusBadge({ status, className }: { status: OrderStatus; className?: string }) {
  const t = useMessages(orderStatusText);
  return (
    <Badge tone={tones[status]} className={className}>
      {t[status]}
    </Badge>
  );
}
