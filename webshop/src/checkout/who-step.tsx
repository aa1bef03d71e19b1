import { cn, useMessages } from '@shop/ui';
import type { GuestContact, User } from '@shop/shared';
import { CircleUserRound } from 'lucide-react';
import { Tabs } from 'radix-ui';
import { SignInForm } from '../auth/sign-in-form';
import { SignUpForm } from '../auth/sign-up-form';
import { useSignOut } from '../api/session';
import { GuestForm, GuestSummary } from './guest-form';
import { guestCheckoutText } from './guest-messages';
import { checkoutText } from './messages';

export const tabClass = cn(
  'flex-1 rounded-md px-3 py-2 text-sm font-semibold text-muted transition-colors',
  'data-[state=active]:bg-white data-[state=active]:text-ink data-[state=active]:shadow-sm',
);

/**
 * Who is buying: the signed-in customer, or sign in / create an account right here (with the emailed code), or a
 * guest with a name, a phone and an email, so a new visitor never leaves the checkout.
 */
export function WhoStep({
  me,
  onSignedIn,
  guest,
  onGuest,
}: {
  me: User | null;
  onSignedIn: (user: User) => void;
  guest: GuestContact | null;
  onGuest: (guest: GuestContact | null) => void;
}) {
  const t = useMessages(checkoutText);
  const g = useMessages(guestCheckoutText);
  const signOut = useSignOut();

  if (me)
    return (
      <div className="flex items-start gap-3">
        <CircleUserRound className="size-9 shrink-0 text-brand-600" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          <p className="font-semibold">{t.signedInAs(me.name)}</p>
          <p className="truncate text-sm text-muted">{me.email}</p>
          <button
            type="button"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
            className="mt-1 text-sm font-medium text-brand-700 underline underline-offset-2 hover:no-underline disabled:text-muted"
          >
            {t.notYou}
          </button>
        </div>
      </div>
    );

  if (guest) return <GuestSummary guest={guest} onChange={() => onGuest(null)} />;

  return (
    <>
      <p className="mb-4 text-sm text-muted">{t.stepWhoHint}</p>
      <Tabs.Root defaultValue="sign-in">
        <Tabs.List aria-label={t.tabsLabel} className="mb-5 flex gap-1 rounded-lg bg-slate-100 p-1">
          <Tabs.Trigger value="sign-in" className={tabClass}>
            {t.tabSignIn}
          </Tabs.Trigger>
          <Tabs.Trigger value="sign-up" className={tabClass}>
            {t.tabSignUp}
          </Tabs.Trigger>
          <Tabs.Trigger value="guest" className={tabClass}>
            {g.tabGuest}
          </Tabs.Trigger>
        </Tabs.List>
        <Tabs.Content value="sign-in" className="focus:outline-none">
          <SignInForm onSignedIn={onSignedIn} />
        </Tabs.Content>
        <Tabs.Content value="sign-up" className="focus:outline-none">
          <SignUpForm onSignedIn={onSignedIn} />
        </Tabs.Content>
        <Tabs.Content value="guest" className="focus:outline-none">
          <GuestForm onDone={onGuest} />
        </Tabs.Content>
      </Tabs.Root>
    </>
  );
}
