import { buttonClass, cn } from '@shop/ui';
import type { LucideIcon } from 'lucide-react';
import { Link } from 'react-router';

/**
 * A header link with a count on it (the wishlist, the cart): an icon, its word from `wide` screens up, and the count
 * as a badge on the icon below that width and beside the word from it. Tailwind needs whole class names, so the
 * breakpoint comes as a choice, not a string to build.
 */
export function HeaderCountLink({
  to,
  label,
  icon: Icon,
  text,
  count,
  wide,
  badgeClassName,
}: {
  to: string;
  /** The accessible name, with the count in words. */
  label: string;
  icon: LucideIcon;
  text: string;
  count: number;
  wide: 'sm' | 'xl';
  badgeClassName: string;
}) {
  return (
    <Link
      to={to}
      className={buttonClass('ghost', 'md', 'relative px-2 max-sm:w-10 max-sm:px-0 sm:px-3')}
      aria-label={label}
    >
      <Icon className="size-5" aria-hidden="true" />
      <span className={wide === 'xl' ? 'hidden xl:inline' : 'hidden sm:inline'}>{text}</span>
      {count > 0 && (
        <span
          className={cn(
            'absolute -top-0.5 right-0 grid min-w-5 place-items-center rounded-full px-1 text-xs font-bold text-white',
            wide === 'xl' ? 'xl:static' : 'sm:static',
            badgeClassName,
          )}
        >
          {count}
        </span>
      )}
    </Link>
  );
}
