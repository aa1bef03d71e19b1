import { cn, useMessages } from '@shop/ui';
import { MapPin, MessageCircle, PackageCheck } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { PageHeading } from '../ui/page';
import { authText } from './messages';

/**
 * The frame of the sign-in pages: a narrow card with the form, and on wide screens (with `perks`) a panel saying
 * what an account is good for.
 */
export function AuthShell({
  title,
  lead,
  perks = false,
  footer,
  children,
}: {
  title: string;
  lead?: ReactNode;
  perks?: boolean;
  footer?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div
      className={cn(
        'mx-auto grid w-full gap-8 sm:py-4',
        perks ? 'max-w-4xl lg:grid-cols-[minmax(0,28rem)_1fr] lg:items-start' : 'max-w-md',
      )}
    >
      <div>
        <PageHeading title={title} className="mb-2" />
        {lead && <p className="mb-6 text-muted">{lead}</p>}
        <div className="rounded-card border border-line bg-surface p-5 shadow-sm sm:p-6">{children}</div>
        {footer && <div className="mt-5 text-center text-sm">{footer}</div>}
      </div>
      {perks && <Perks />}
    </div>
  );
}

function Perks() {
  const t = useMessages(authText);
  const items = [
    { icon: PackageCheck, text: t.perkOrders },
    { icon: MapPin, text: t.perkAddresses },
    { icon: MessageCircle, text: t.perkSupport },
  ];
  return (
    <aside className="hidden rounded-card bg-gradient-to-br from-brand-600 to-brand-900 p-8 text-white shadow-sm lg:mt-[4.5rem] lg:block">
      <p className="text-lg font-semibold">{t.perks}</p>
      <ul className="mt-5 space-y-4">
        {items.map(({ icon: Icon, text }) => (
          <li key={text} className="flex items-start gap-3">
            <span className="grid size-9 shrink-0 place-items-center rounded-full bg-white/15">
              <Icon className="size-5" aria-hidden="true" />
            </span>
            <span className="pt-1.5 text-brand-50">{text}</span>
          </li>
        ))}
      </ul>
    </aside>
  );
}

/** A link in the sign-in pages' texts ("Create account", "Back to sign in"). */
export const authLink = 'font-semibold text-brand-700 underline-offset-2 hover:underline';

/** The footer of the pages a mailed link opens (reset, invitation) and of "forgot password": back to signing in. */
export function BackToSignIn() {
  const t = useMessages(authText);
  return (
    <Link to="/login" className={authLink}>
      {t.backToSignIn}
    </Link>
  );
}
