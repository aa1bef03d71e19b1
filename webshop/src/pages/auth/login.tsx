import { safeNextPath } from '@shop/shared';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { useMe } from '../../api/session';
import { AuthShell, authLink } from '../../auth/auth-shell';
import { authText } from '../../auth/messages';
import { SignInForm } from '../../auth/sign-in-form';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/i18n';
import { LoadingBlock } from '../../ui/states';
import { useToast } from '../../ui/toast';

/** Where a sign-in page sends the customer afterwards: `?next=` when it is a path of this shop, else home. */
export function useNextPath(): { next: string; query: string } {
  const [params] = useSearchParams();
  const next = safeNextPath(params.get('next'));
  return { next, query: next === '/' ? '' : `?next=${encodeURIComponent(next)}` };
}

/** /login: sign in, then back to where the customer was going (`?next=`). */
export function LoginPage() {
  const t = useMessages(authText);
  const c = useMessages(common);
  const me = useMe();
  const navigate = useNavigate();
  const notify = useToast();
  const { next, query } = useNextPath();

  if (me.isPending) return <LoadingBlock label={c.loading} />;
  if (me.data) return <Navigate to={next} replace />;

  return (
    <AuthShell
      title={t.loginTitle}
      lead={t.loginLead}
      perks
      footer={
        <p>
          {t.noAccount}{' '}
          <Link to={`/register${query}`} className={authLink}>
            {t.createAccount}
          </Link>
        </p>
      }
    >
      <SignInForm
        onSignedIn={(user) => {
          notify({ title: t.signedInAs(user.name) });
          void navigate(next, { replace: true });
        }}
      />
    </AuthShell>
  );
}
