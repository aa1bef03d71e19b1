import { Button, EmailField, FormAlert, TextField, useLocale, useMessages } from '@shop/ui';
import { registerInputSchema, type User } from '@shop/shared';
import { useState } from 'react';
import { client } from '../api/client';
import { common } from '../i18n/common';
import { useShopForm } from '../ui/form';
import { authErrorMessage } from './auth-error';
import { useFieldProps } from './field-error';
import { showOnFields } from './server-fields';
import { authText } from './messages';
import { NewPasswordField } from './password-fields';
import { ShowPassword } from './show-password';
import { VerifyEmailStep } from './verify-email-step';

/**
 * Sign-up: name, email and password, then the 6-digit code mailed to the address, which activates the account and
 * signs the customer in. The account's language is the page's, so the shop's mails come in it.
 */
export function SignUpForm({
  onSignedIn,
  email = '',
  name = '',
}: {
  onSignedIn: (user: User) => void;
  /** The address and name to start from (a guest's order page knows them). */
  email?: string;
  name?: string;
}) {
  const t = useMessages(authText);
  const c = useMessages(common);
  const { locale } = useLocale();
  const [verifying, setVerifying] = useState<string | null>(null);
  const [showPassword, setShowPassword] = useState(false);
  const form = useShopForm(registerInputSchema, { name, email, password: '' }, { failed: c.somethingWrong });
  const field = useFieldProps(form);

  const onSubmit = form.submit(async (values) => {
    try {
      await client.register({ body: { ...values, locale } });
      setVerifying(registerInputSchema.shape.email.parse(values.email));
    } catch (error) {
      if (showOnFields(form, error)) return;
      const message = authErrorMessage(error, t);
      if (!message) throw error;
      form.setFormError(message);
    }
  });

  if (verifying)
    return (
      <VerifyEmailStep
        email={verifying}
        onSignedIn={onSignedIn}
        onBack={() => {
          form.resetField('password');
          setVerifying(null);
        }}
      />
    );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField label={t.name} autoComplete="name" {...field('name')} />
      <EmailField label={t.email} {...field('email')} />
      <div className="space-y-2">
        <NewPasswordField label={t.password} shown={showPassword} {...field('password')} />
        <ShowPassword checked={showPassword} onChange={setShowPassword} />
      </div>
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <Button type="submit" size="lg" className="w-full" busy={form.formState.isSubmitting}>
        {t.createAccount}
      </Button>
    </form>
  );
}
