import { useMessages } from '@shop/ui';
import { Link } from 'react-router';
import { authLink } from '../../auth/auth-shell';
import { authText } from '../../auth/messages';
import { SignInForm } from '../../auth/sign-in-form';
import { SignedOutPage } from '../../auth/signed-out-page';

/** /login: sign in, then back to where the customer was going (`?next=`). */
export function LoginPage() {
  const t = useMessages(authText);
  return (
    <SignedOutPage
      title={t.loginTitle}
      lead={t.loginLead}
      footer={(query) => (
        <p>
          {t.noAccount}{' '}
          <Link to={`/register${query}`} className={authLink}>
            {t.createAccount}
          </Link>
        </p>
      )}
    >
      {(onSignedIn) => <SignInForm onSignedIn={onSignedIn} />}
    </SignedOutPage>
  );
}
