import { useMessages } from '@shop/ui';
import type { Order } from '@shop/shared';
import { useEffect } from 'react';
import { useClaimGuestOrder } from '../api/orders';
import { useMe } from '../api/session';
import { SignInForm } from '../auth/sign-in-form';
import { SignUpForm } from '../auth/sign-up-form';
import { FormTabs } from '../ui/form-tabs';
import { Card } from '../ui/page';
import { guestOrderText } from './guest-messages';

/**
 * A guest's order made an account's (issue 15): sign up with the order's email (the mailed code proves it) or sign
 * in to it, right here; once signed in to that account the order joins it. The server checks the same: the page's
 * key to the order and a signed-in account of the order's email.
 */
export function GuestAccountOffer({ order }: { order: Order }) {
  const t = useMessages(guestOrderText);
  const me = useMe();
  const claim = useClaimGuestOrder(order.id);
  const email = order.customer.email ?? '';
  const user = me.data ?? null;
  const ownAccount = user !== null && user.email === email;

  useEffect(() => {
    if (ownAccount && claim.isIdle) claim.mutate();
  }, [ownAccount, claim]);

  if (me.isPending) return null;
  if (user && !ownAccount)
    return (
      <Card>
        <p className="text-sm">{t.otherAccount(email)}</p>
      </Card>
    );
  if (user)
    return (
      <Card>
        <p role="status" className="text-sm">
          {claim.isError ? t.claimFailed : t.claiming}
        </p>
      </Card>
    );
  return (
    <Card>
      <h2 className="mb-2 text-lg font-bold">{t.keepTitle}</h2>
      <p className="mb-4 text-sm text-muted">{t.keepText(email)}</p>
      {/* Signed in, the page's account changes and the order joins it (above). */}
      <FormTabs
        label={t.tabsLabel}
        tabs={[
          {
            value: 'sign-up',
            label: t.tabSignUp,
            form: <SignUpForm email={email} name={order.customer.name} onSignedIn={() => undefined} />,
          },
          {
            value: 'sign-in',
            label: t.tabSignIn,
            form: <SignInForm email={email} onSignedIn={() => undefined} />,
          },
        ]}
      />
    </Card>
  );
}
