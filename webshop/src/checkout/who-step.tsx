import { useMessages } from '@shop/ui';
import type { GuestContact, User } from '@shop/shared';
import { CircleUserRound } from 'lucide-react';
import { SignInForm } from '../auth/sign-in-form';
import { SignUpForm } from '../auth/sign-up-form';
import { useSignOut } from '../api/session';
import { FormTabs } from '../ui/form-tabs';
import { BuyerSummary } from './buyer-summary';
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
      <BuyerSummary
        icon={CircleUserRound}
        title={t.signedInAs(me.name)}
        email={me.email}
        changeLabel={t.notYou}
        onChange={() => signOut.mutate()}
        changing={signOut.isPending}
      />
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
