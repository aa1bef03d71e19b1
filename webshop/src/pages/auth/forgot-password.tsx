import { Button, EmailField, FormAlert, useMessages } from '@shop/ui';
import { forgotPasswordInputSchema } from '@shop/shared';
import { MailCheck } from 'lucide-react';
import { useState } from 'react';
import { client, isApiError } from '../../api/client';
import { AuthShell, BackToSignIn } from '../../auth/auth-shell';
import { useFieldProps } from '../../auth/field-error';
import { authText } from '../../auth/messages';
import { showOnFields } from '../../auth/server-fields';
import { common } from '../../i18n/common';
import { useShopForm } from '../../ui/form';

/**
 * /forgot-password: mails a reset link. The answer is the same whether or not the address has an account, so the
 * page cannot be used to find out who shops here.
 */
export function ForgotPasswordPage() {
  const t = useMessages(authText);
  const c = useMessages(common);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useShopForm(forgotPasswordInputSchema, { email: '' }, { failed: c.somethingWrong });
  const field = useFieldProps(form);

  const onSubmit = form.submit(async ({ email }) => {
    try {
      await client.forgotPassword({ body: { email } });
      setSentTo(forgotPasswordInputSchema.shape.email.parse(email));
    } catch (error) {
      if (showOnFields(form, error)) return;
      if (!isApiError(error, 429)) throw error;
      form.setFormError(t.tooManyTries);
    }
  });

  const footer = <BackToSignIn />;

  if (sentTo)
    return (
      <AuthShell title={t.forgotTitle} footer={footer}>
        <div role="status" className="flex gap-3">
          <MailCheck className="mt-0.5 size-6 shrink-0 text-emerald-600" aria-hidden="true" />
          <div>
            <h2 className="text-lg font-bold">{t.forgotSent}</h2>
            <p className="mt-1 text-sm">{t.forgotSentText(sentTo)}</p>
            <p className="mt-3 text-sm text-muted">{t.forgotSpam}</p>
          </div>
        </div>
        <Button
          variant="secondary"
          className="mt-5 w-full"
          onClick={() => {
            form.reset({ email: '' });
            setSentTo(null);
          }}
        >
          {t.forgotAgain}
        </Button>
      </AuthShell>
    );

  return (
    <AuthShell title={t.forgotTitle} lead={t.forgotLead} footer={footer}>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        <EmailField label={t.email} {...field('email')} />
        {form.formError && <FormAlert>{form.formError}</FormAlert>}
        <Button type="submit" size="lg" className="w-full" busy={form.formState.isSubmitting}>
          {t.sendLink}
        </Button>
      </form>
    </AuthShell>
  );
}
