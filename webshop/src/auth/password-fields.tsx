import { PasswordField, useMessages } from '@shop/ui';
import { authText } from './messages';

type Props = Parameters<typeof PasswordField>[0];

/** The password the customer has now (signing in, confirming a change), for the password manager to fill. */
export function CurrentPasswordField(props: Props) {
  return <PasswordField autoComplete="current-password" {...props} />;
}

/** A password being chosen (signing up, resetting it), with the shop's advice on a good one. */
export function NewPasswordField(props: Props) {
  const t = useMessages(authText);
  return <PasswordField autoComplete="new-password" hint={t.passwordHint} {...props} />;
}
