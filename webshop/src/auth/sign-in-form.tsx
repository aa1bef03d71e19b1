import { Button, EmailField, FormAlert, useMessages } from '@shop/ui';
import { loginInputSchema, type SignedIn, type User } from '@shop/shared';
import { useState } from 'react';
import { Link } from 'react-router';
import { client } from '../api/client';
import { useSessionChanged } from '../api/session';
import { common } from '../i18n/common';
import { useShopForm } from '../ui/form';
import { authErrorMessage, needsVerification } from './auth-error';
import { CodeStep } from './code-step';
import { useFieldProps } from './field-error';
import { CurrentPasswordField } from './password-fields';
import { showOnFields } from './server-fields';
import { authText } from './messages';
import { ShowPassword } from './show-password';
import { VerifyEmailStep } from './verify-email-step';

type Step =
  | { kind: 'password' }
  /** The account asks for a mailed code (2-step sign-in); the password is kept to ask for a new code. */
  | { kind: 'code'; challengeId: string; email: string; password: string }
  /** The account was never confirmed: the server just mailed a verification code. */
  | { kind: 'verify'; email: string };

/**
 * Sign-in with email and password, then, for accounts with 2-step sign-in, the code from the mail. Used on
 * /login and inline at checkout; the caller decides where to go once `onSignedIn` is called.
 */
export function SignInForm({
  onSignedIn,
  email = '',
}: {
  onSignedIn: (user: User) => void;
  /** The address to start from (a guest's order page knows it). */
  email?: string;
}) {
  const t = useMessages(authText);
  const c = useMessages(common);
  const sessionChanged = useSessionChanged();
  const [step, setStep] = useState<Step>({ kind: 'password' });
  const [showPassword, setShowPassword] = useState(false);
  const form = useShopForm(loginInputSchema, { email, password: '' }, { failed: c.somethingWrong });
  const field = useFieldProps(form);

  const finish = async (signedIn: SignedIn) => {
    await sessionChanged();
    onSignedIn(signedIn.user);
  };

  /** Signing in again is also how a new code is asked for: the server mails one and answers a new challenge. */
  const login = async (email: string, password: string) => {
    const result = await client.login({ body: { email, password } });
    if ('otpRequired' in result) setStep({ kind: 'code', challengeId: result.challengeId, email, password });
    else await finish(result);
  };

  const onSubmit = form.submit(async ({ email, password }) => {
    try {
      await login(email, password);
    } catch (error) {
      if (needsVerification(error)) return setStep({ kind: 'verify', email: email.trim().toLowerCase() });
      if (showOnFields(form, error)) return;
      const message = authErrorMessage(error, t);
      if (!message) throw error;
      form.setFormError(message);
    }
  });

  const back = () => {
    form.setFormError(null);
    form.resetField('password');
    setStep({ kind: 'password' });
  };

  if (step.kind === 'code')
    return (
      <CodeStep
        heading={t.loginCodeTitle}
        lead={t.loginCodeText}
        email={step.email}
        send={async (code) =>
          // The password goes along: while sign-ins are throttled, the server checks it only after the code.
          finish(
            await client.loginOtp({ body: { challengeId: step.challengeId, code, password: step.password } }),
          )
        }
        resend={() => login(step.email, step.password)}
        onBack={back}
      />
    );
  if (step.kind === 'verify')
    return <VerifyEmailStep email={step.email} onSignedIn={onSignedIn} onBack={back} />;

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <EmailField label={t.email} {...field('email')} />
      <div className="space-y-2">
        <CurrentPasswordField label={t.password} shown={showPassword} {...field('password')} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <ShowPassword checked={showPassword} onChange={setShowPassword} />
          <Link
            to="/forgot-password"
            className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            {t.forgotPassword}
          </Link>
        </div>
      </div>
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <Button type="submit" size="lg" className="w-full" busy={form.formState.isSubmitting}>
        {t.signIn}
      </Button>
    </form>
  );
}
