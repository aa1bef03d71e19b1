import { Button, FormAlert, PasswordField, useMessages } from '@shop/ui';
import { LinkIcon } from 'lucide-react';
import { useState, type ComponentProps, type FormEventHandler, type ReactNode } from 'react';
import { authText } from './messages';
import { NewPasswordField } from './password-fields';
import { ShowPassword } from './show-password';

/** A password field as `useFieldProps` wires it: registration and error, the label is the form's. */
type WiredField = Omit<ComponentProps<typeof PasswordField>, 'label' | 'shown'>;

/**
 * The step where a link from a mail (a password reset, a staff invitation) has the new password chosen: asked twice,
 * with "show password", the form's own error and one button. Fields the link needs besides (the invitation asks for
 * the address) come first, as `children`.
 */
export function NewPasswordForm({
  onSubmit,
  password,
  repeat,
  form,
  submitLabel,
  children,
}: {
  onSubmit: FormEventHandler<HTMLFormElement>;
  password: WiredField;
  repeat: WiredField;
  /** The form's own error and whether it is being sent (`useShopForm`'s). */
  form: { formError: string | null; formState: { isSubmitting: boolean } };
  submitLabel: string;
  children?: ReactNode;
}) {
  const t = useMessages(authText);
  const [showPassword, setShowPassword] = useState(false);
  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {children}
      <NewPasswordField label={t.newPassword} shown={showPassword} {...password} />
      <PasswordField label={t.repeatPassword} shown={showPassword} autoComplete="new-password" {...repeat} />
      <ShowPassword checked={showPassword} onChange={setShowPassword} />
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <Button type="submit" size="lg" className="w-full" busy={form.formState.isSubmitting}>
        {submitLabel}
      </Button>
    </form>
  );
}

/** What a page opened from a mailed link says when the link is missing its token or no longer works. */
export function UnusableLink({ title, text }: { title: string; text: string }) {
  return (
    <div role="alert" className="flex gap-3">
      <LinkIcon className="mt-0.5 size-6 shrink-0 text-red-600" aria-hidden="true" />
      <div>
        <h2 className="text-lg font-bold">{title}</h2>
        <p className="mt-1 text-sm text-muted">{text}</p>
      </div>
    </div>
  );
}
