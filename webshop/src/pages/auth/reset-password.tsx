import { useMessages } from '@shop/ui';
import { CircleCheck } from 'lucide-react';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { client, isApiError } from '../../api/client';
import { useSessionChanged } from '../../api/session';
import { AuthShell, BackToSignIn } from '../../auth/auth-shell';
import { useFieldProps } from '../../auth/field-error';
import { authText } from '../../auth/messages';
import { NewPasswordForm, UnusableLink } from '../../auth/new-password-form';
import { showOnFields } from '../../auth/server-fields';
import { resetPasswordFormSchema } from '../../auth/password-schemas';
import { SignInForm } from '../../auth/sign-in-form';
import { common } from '../../i18n/common';
import { ButtonLink } from '../../ui/button-link';
import { useShopForm } from '../../ui/form';

/**
 * /reset-password?token=…: the link from the mail. The new password ends every session of the account (also a
 * thief's), so the customer signs in again right here.
 */
export function ResetPasswordPage() {
  const t = useMessages(authText);
  const c = useMessages(common);
  const navigate = useNavigate();
  const sessionChanged = useSessionChanged();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [state, setState] = useState<'form' | 'done' | 'expired'>('form');
  const form = useShopForm(
    resetPasswordFormSchema,
    { password: '', repeat: '' },
    { failed: c.somethingWrong },
  );
  const field = useFieldProps(form);

  const onSubmit = form.submit(async ({ password }) => {
    try {
      await client.resetPassword({ body: { token, password } });
      // This browser's own session (if any) ended with the others.
      await sessionChanged();
      setState('done');
    } catch (error) {
      if (isApiError(error, 400) && error.fields.token) return setState('expired');
      if (isApiError(error, 429)) return form.setFormError(t.tooManyTries);
      if (showOnFields(form, error)) return;
      throw error;
    }
  });

  const footer = <BackToSignIn />;

  if (token.length < 20 || state === 'expired') {
    const missing = state !== 'expired';
    return (
      <AuthShell title={t.resetTitle} footer={footer}>
        <UnusableLink
          title={missing ? t.resetNoToken : t.resetExpired}
          text={missing ? t.resetNoTokenText : t.resetExpiredText}
        />
        <ButtonLink to="/forgot-password" size="lg" className="mt-5 w-full">
          {t.askAgain}
        </ButtonLink>
      </AuthShell>
    );
  }

  if (state === 'done')
    return (
      <AuthShell title={t.resetTitle}>
        <div role="status" className="mb-6 flex gap-3 rounded-lg bg-emerald-50 p-4 text-emerald-900">
          <CircleCheck className="mt-0.5 size-6 shrink-0 text-emerald-600" aria-hidden="true" />
          <div>
            <h2 className="font-bold">{t.resetDone}</h2>
            <p className="mt-1 text-sm">{t.resetDoneText}</p>
          </div>
        </div>
        <SignInForm onSignedIn={() => void navigate('/account', { replace: true })} />
      </AuthShell>
    );

  return (
    <AuthShell title={t.resetTitle} lead={t.resetLead} footer={footer}>
      <NewPasswordForm
        onSubmit={onSubmit}
        password={field('password')}
        repeat={field('repeat')}
        form={form}
        submitLabel={t.savePassword}
      />
    </AuthShell>
  );
}
