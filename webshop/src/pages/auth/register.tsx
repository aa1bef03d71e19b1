import { Link, Navigate, useNavigate } from 'react-router';
import { useMe } from '../../api/session';
import { AuthShell, authLink } from '../../auth/auth-shell';
import { authText } from '../../auth/messages';
import { SignUpForm } from '../../auth/sign-up-form';
import { common } from '../../i18n/common';
import { useMessages } from '../../i18n/i18n';
import { LoadingBlock } from '../../ui/states';
import { useToast } from '../../ui/toast';
import { useNextPath } from './login';

/** /register: create an account, confirm the address with the mailed code, and carry on (`?next=`). */
export function RegisterPage() {
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
      title={t.registerTitle}
      lead={t.registerLead}
      perks
      footer={
        <p>
          {t.haveAccount}{' '}
          <Link to={`/login${query}`} className={authLink}>
            {t.signIn}
          </Link>
        </p>
      }
    >
      <SignUpForm
        onSignedIn={(user) => {
          notify({ title: t.signedInAs(user.name) });
          void navigate(next, { replace: true });
        }}
      />
    </AuthShell>
  );
}
