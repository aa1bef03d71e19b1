import { EmptyState } from '@shop/ui';
import type { LucideIcon } from 'lucide-react';
import { ButtonLink } from './button-link';

/** An empty cart or order list: what is missing, and the way back to the shop to fill it. */
export function EmptyWithShopLink({
  title,
  icon,
  text,
  linkLabel,
}: {
  title: string;
  icon: LucideIcon;
  text: string;
  linkLabel: string;
}) {
  return (
    <EmptyState title={title} icon={icon}>
      <p>{text}</p>
      <ButtonLink to="/" className="mt-5">
        {linkLabel}
      </ButtonLink>
    </EmptyState>
  );
}
