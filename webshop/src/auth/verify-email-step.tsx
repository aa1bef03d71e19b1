import { useMessages } from '@shop/ui';
import type { User } from '@shop/shared';
import { client } from '../api/client';
import { useSessionChanged } from '../api/session';
import { CodeStep } from './code-step';
import { authText } from './messages';

/** Activates a new account with the mailed code; the answer signs the customer in. */
export function VerifyEmailStep({
  email,
  onSignedIn,
  onBack,
}: {
  email: string;
  onSignedIn: (user: User) => void;
  onBack: () => void;
}) {
  const t = useMessages(authText);
  const sessionChanged = useSessionChanged();
  return (
    <CodeStep
      heading={t.verifyTitle}
      lead={t.verifyText}
      email={email}
      send={async (code) => {
        const signedIn = await client.verifyEmail({ body: { email, code } });
        await sessionChanged();
        onSignedIn(signedIn.user);
      }}
      resend={async () => {
        await client.resendVerification({ body: { email } });
      }}
      onBack={onBack}
    />
  );
}
