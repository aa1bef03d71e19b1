import type { FieldValues } from 'react-hook-form';
import { isApiError } from '../api/client';
import { applyServerErrors, type ShopForm } from '../ui/form';

/**
 * Puts a refusal's field errors on the form's fields and reports whether it did; what has no field here becomes
 * the form error. Then the same problem is not said twice (on the field and again above the button).
 */
export function showOnFields<T extends FieldValues>(form: ShopForm<T>, error: unknown): boolean {
  if (!isApiError(error) || Object.keys(error.fields).length === 0) return false;
  const rest = applyServerErrors(form, error);
  if (rest) form.setFormError(rest);
  return true;
}
