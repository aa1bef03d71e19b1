import type { Availability } from '@shop/shared';

const labels: Record<Availability, string> = {
  in_stock: 'In stock',
  low_stock: 'Low stock',
  out_of_stock: 'Out of stock',
};

export function AvailabilityBadge({ availability }: { availability: Availability }) {
  return <span className={`badge badge-${availability}`}>{labels[availability]}</span>;
}
