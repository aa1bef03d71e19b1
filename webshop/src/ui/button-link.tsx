import { buttonClass, type ButtonSize, type ButtonVariant } from '@shop/ui';
import { Link, type LinkProps } from 'react-router';

/** A route link drawn as the design system's button (only the web shop has routes). */
export function ButtonLink({
  variant,
  size,
  className,
  ...rest
}: LinkProps & { variant?: ButtonVariant; size?: ButtonSize }) {
  return <Link {...rest} className={buttonClass(variant, size, className)} />;
}
