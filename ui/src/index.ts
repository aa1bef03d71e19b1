/**
 * The shop's one design system: what the web shop and the counter both draw with. Its styles come with
 * `@import '@shop/ui/theme.css'` after `@import 'tailwindcss'` in each app's stylesheet.
 */
export { Badge } from './badge';
export { Button, buttonClass, type ButtonSize, type ButtonVariant } from './button';
export { cn } from './cn';
export { Dialog } from './dialog';
export {
  EmailField,
  Field,
  FormAlert,
  FormEnd,
  PasswordField,
  PhoneField,
  SelectField,
  TextAreaField,
  TextField,
} from './field';
export { defineMessages, LocaleProvider, useLocale, useMessages } from './i18n';
export { PriceTag } from './price-tag';
export { saveFile } from './save-file';
export { EmptyState, ErrorState, InlineError, LoadingBlock, Skeleton, Spinner } from './states';
export { OrderStatusBadge, orderStatusText } from './order-status';
