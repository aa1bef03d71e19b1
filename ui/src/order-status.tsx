import type { OrderStatus } from '@shop/shared';
import { Badge } from './badge';
import { defineMessages, useMessages } from './i18n';

/** What each order status is called, as customers and staff read it. */
export const orderStatusText = defineMessages<Record<OrderStatus, string>>({
  en: {
    pending_payment: 'Awaiting payment',
    payment_review: 'Payment being checked',
    paid: 'Paid',
    processing: 'Being prepared',
    ready_for_pickup: 'Ready for pickup',
    picked_up: 'Picked up',
    out_for_delivery: 'Out for delivery',
    delivered: 'Delivered',
    delivery_failed: 'Delivery failed',
    cancelled: 'Cancelled',
    expired: 'Expired',
    refunded: 'Refunded',
  },
  km: {
    pending_payment: 'រង់ចាំការបង់ប្រាក់',
    payment_review: 'កំពុងពិនិត្យការបង់ប្រាក់',
    paid: 'បានបង់ប្រាក់',
    processing: 'កំពុងរៀបចំ',
    ready_for_pickup: 'រួចរាល់សម្រាប់មកយក',
    picked_up: 'បានមកយករួច',
    out_for_delivery: 'កំពុងដឹកជញ្ជូន',
    delivered: 'បានដឹកដល់',
    delivery_failed: 'ដឹកជញ្ជូនមិនបានសម្រេច',
    cancelled: 'បានបោះបង់',
    expired: 'ផុតកំណត់',
    refunded: 'បានសងប្រាក់វិញ',
  },
});

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
