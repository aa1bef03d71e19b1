import { LoadingBlock, useMessages } from '@shop/ui';
import type { User } from '@shop/shared';
import { safeNextPath } from '@shop/shared';
import type { ReactNode } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../api/session';
import { common } from '../i18n/common';
import { useToast } from '../ui/toast';
import { AuthShell } from './auth-shell';
import { authText } from './messages';

/** Where a sign-in page sends the customer afterwards: `?next=` when it is a path of this shop, else home. */
export function useNextPath(): { next: string; query: string } {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  return { next, query: next === '/' ? '' : `?next=${encodeURIComponent(next)}` };
}

interface SignedOutPageProps {
  title: string;
  lead: string;
  /** The link to the other page (sign in ↔ create account), keeping `?next=`. */
  footer: (nextQuery: string) => ReactNode;
  /** The form; it calls `onSignedIn` once the customer is in. */
  children: (onSignedIn: (user: User) => void) => ReactNode;
}

/**
 * /login and /register: for visitors only (a signed-in customer is sent on at once); after signing in, a welcome
 * and on to where the customer was going (`?next=`).
 */
export function SignedOutPage({ title, lead, footer, children }: SignedOutPageProps) {
  const t = useMessages(authText);
  const c = useMessages(common);
  const me = useMe();
  const navigate = useNavigate();
  const notify = useToast();
  const { next, query } = useNextPath();

  if (me.isPending) return <LoadingBlock label={c.loading} />;
  if (me.data) return <Navigate to={next} replace />;

  const onSignedIn = (user: User) => {
    notify({ title: t.signedInAs(user.name) });
    void navigate(next, { replace: true });
  };
  return (
    <AuthShell title={title} lead={lead} perks footer={footer(query)}>
      {children(onSignedIn)}
    </AuthShell>
  );
}
