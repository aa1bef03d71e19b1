import { useMessages } from '@shop/ui';
import type { Order } from '@shop/shared';
import { Tabs } from 'radix-ui';
import { useEffect } from 'react';
import { useClaimGuestOrder } from '../api/orders';
import { useMe } from '../api/session';
import { SignInForm } from '../auth/sign-in-form';
import { SignUpForm } from '../auth/sign-up-form';
import { tabClass } from '../checkout/who-step';
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
      <Tabs.Root defaultValue="sign-up">
        <Tabs.List aria-label={t.tabsLabel} className="mb-5 flex gap-1 rounded-lg bg-slate-100 p-1">
          <Tabs.Trigger value="sign-up" className={tabClass}>
            {t.tabSignUp}
          </Tabs.Trigger>
          <Tabs.Trigger value="sign-in" className={tabClass}>
            {t.tabSignIn}
          </Tabs.Trigger>
        </Tabs.List>
        {/* Signed in, the page's account changes and the order joins it (above). */}
        <Tabs.Content value="sign-up" className="focus:outline-none">
          <SignUpForm email={email} name={order.customer.name} onSignedIn={() => undefined} />
        </Tabs.Content>
        <Tabs.Content value="sign-in" className="focus:outline-none">
          <SignInForm email={email} onSignedIn={() => undefined} />
        </Tabs.Content>
      </Tabs.Root>
    </Card>
  );
}
