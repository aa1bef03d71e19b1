import { acceptInvitationInputSchema, email as emailSchema, loginInputSchema } from '@shop/shared';
import { EmailField, useMessages } from '@shop/ui';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { client, isApiError } from '../../api/client';
import { useSessionChanged } from '../../api/session';
import { AuthShell, BackToSignIn } from '../../auth/auth-shell';
import { CodeStep } from '../../auth/code-step';
import { useFieldProps } from '../../auth/field-error';
import { invitationText } from '../../auth/invitation-messages';
import { authText } from '../../auth/messages';
import { NewPasswordForm, UnusableLink } from '../../auth/new-password-form';
import { showOnFields } from '../../auth/server-fields';
import { common } from '../../i18n/common';
import { useShopForm } from '../../ui/form';

/**
 * The address is asked for although the link knows it: the password manager saves the new password under it, and
 * the code step says where the code went and can ask for a new one (by signing in again) without the link.
 */
const acceptFormSchema = acceptInvitationInputSchema
  .pick({ password: true })
  .extend({ email: emailSchema, repeat: loginInputSchema.shape.password })
  .refine((v) => v.password === v.repeat, { path: ['repeat'], message: 'passwords differ' });

type Step = { kind: 'form' } | { kind: 'code'; challengeId: string; email: string; password: string };

/**
 * /accept-invitation?token=…: the link of a staff invitation. The invitee chooses a password (the same rules as
 * sign-up, checked again by the server), the account is made, and they sign in at once with the code mailed to them.
 */
export function AcceptInvitationPage() {
  const t = useMessages(invitationText);
  const a = useMessages(authText);
  const c = useMessages(common);
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [step, setStep] = useState<Step>({ kind: 'form' });
  const [unusable, setUnusable] = useState(false);
  const form = useShopForm(
    acceptFormSchema,
    { email: '', password: '', repeat: '' },
    { failed: c.somethingWrong },
  );
  const field = useFieldProps(form);

  const signedIn = async () => {
    await sessionChanged();
    void navigate('/account', { replace: true });
  };

  const onSubmit = form.submit(async ({ email, password }) => {
    try {
      const result = await client.acceptInvitation({ body: { token, password } });
      if ('otpRequired' in result)
        return setStep({
          kind: 'code',
          challengeId: result.challengeId,
          email: email.trim().toLowerCase(),
          password,
        });
      await signedIn();
    } catch (error) {
      if (isApiError(error, 409)) return form.setFormError(t.takenText);
      if (isApiError(error, 400) && error.fields.token) return setUnusable(true);
      if (isApiError(error, 429)) return form.setFormError(a.tooManyTries);
      if (showOnFields(form, error)) return;
      throw error;
    }
  });

  const footer = <BackToSignIn />;

  if (token.length < 20 || unusable)
    return (
      <AuthShell title={t.title} footer={footer}>
        <UnusableLink
          title={unusable ? t.expired : t.noToken}
          text={unusable ? t.expiredText : t.noTokenText}
        />
      </AuthShell>
    );

  if (step.kind === 'code')
    return (
      <AuthShell title={t.accepted}>
        <CodeStep
          heading={a.loginCodeTitle}
          lead={t.codeLead}
          email={step.email}
          send={async (code) => {
            await client.loginOtp({ body: { challengeId: step.challengeId, code, password: step.password } });
            await signedIn();
          }}
          // The account exists now: a new code is asked for as at every sign-in.
          resend={async () => {
            const result = await client.login({ body: { email: step.email, password: step.password } });
            if ('otpRequired' in result) setStep({ ...step, challengeId: result.challengeId });
          }}
          onBack={() => void navigate('/login')}
        />
      </AuthShell>
    );

  return (
    <AuthShell title={t.title} lead={t.lead} footer={footer}>
      <NewPasswordForm
        onSubmit={onSubmit}
        password={field('password')}
        repeat={field('repeat')}
        form={form}
        submitLabel={t.accept}
      >
        <EmailField label={a.email} hint={t.emailHint} autoComplete="username" {...field('email')} />
      </NewPasswordForm>
    </AuthShell>
  );
}
