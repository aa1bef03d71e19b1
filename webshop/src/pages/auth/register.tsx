import { useMessages } from '@shop/ui';
import { Link } from 'react-router';
import { authLink } from '../../auth/auth-shell';
import { authText } from '../../auth/messages';
import { SignUpForm } from '../../auth/sign-up-form';
import { SignedOutPage } from '../../auth/signed-out-page';

/** /register: create an account, confirm the address with the mailed code, and carry on (`?next=`). */
export function RegisterPage() {
  const t = useMessages(authText);
  return (
    <SignedOutPage
      title={t.registerTitle}
      lead={t.registerLead}
      footer={(query) => (
        <p>
          {t.haveAccount}{' '}
          <Link to={`/login${query}`} className={authLink}>
            {t.signIn}
          </Link>
        </p>
      )}
    >
      {(onSignedIn) => <SignUpForm onSignedIn={onSignedIn} />}
    </SignedOutPage>
  );
}
