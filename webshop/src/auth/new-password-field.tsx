import { useMessages } from '../i18n/i18n';
import { PasswordField } from '../ui/field';
import { authText } from './messages';

/** A password being chosen (signing up, resetting it), with the shop's advice on a good one. */
export function NewPasswordField(props: Parameters<typeof PasswordField>[0]) {
  const t = useMessages(authText);
  return <PasswordField autoComplete="new-password" hint={t.passwordHint} {...props} />;
}
