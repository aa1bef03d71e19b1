import { useMessages } from '@shop/ui';
import type { GuestContact, User } from '@shop/shared';
import { CircleUserRound } from 'lucide-react';
import { SignInForm } from '../auth/sign-in-form';
import { SignUpForm } from '../auth/sign-up-form';
import { useSignOut } from '../api/session';
import { FormTabs } from '../ui/form-tabs';
import { GuestForm, GuestSummary } from './guest-form';
import { guestCheckoutText } from './guest-messages';
import { checkoutText } from './messages';

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
      <FormTabs
        label={t.tabsLabel}
        tabs={[
          { value: 'sign-in', label: t.tabSignIn, form: <SignInForm onSignedIn={onSignedIn} /> },
          { value: 'sign-up', label: t.tabSignUp, form: <SignUpForm onSignedIn={onSignedIn} /> },
          { value: 'guest', label: g.tabGuest, form: <GuestForm onDone={onGuest} /> },
        ]}
      />
    </>
  );
}
