import { useMessages } from '@shop/ui';
import {
  get,
  type FieldError,
  type FieldValues,
  type Path,
  type RegisterOptions,
  type UseFormReturn,
} from 'react-hook-form';
import { fieldErrorText } from './messages';

type Known = keyof (typeof fieldErrorText)['en'];

/**
 * Turns a field's error (from the shared zod schema or the server's answer) into a sentence in the page's
 * language. Messages the schemas leave to zod's defaults ("Too small: expected string…") become plain requests.
 */
export function useFieldError(): (error: FieldError | undefined) => string | undefined {
  const t = useMessages(fieldErrorText);
  return (error) => {
    if (!error) return undefined;
    const message = error.message ?? '';
    if (message in t) return t[message as Known];
    if (error.type === 'too_small') return t.required;
    if (error.type === 'too_big') return t.tooLong;
    // A server message we have no translation for is still better than nothing in English.
    if (error.type === 'server' && message) return message;
    return t.invalid;
  };
}

/**
 * What a field of `form` takes to be wired to it: its registration and its error in the page's language, spread
 * as `{...field('email')}`.
 */
export function useFieldProps<T extends FieldValues>(form: UseFormReturn<T>) {
  const fieldError = useFieldError();
  return <N extends Path<T>>(name: N, options?: RegisterOptions<T, N>) => ({
    ...form.register(name, options),
    error: fieldError(get(form.formState.errors, name) as FieldError | undefined),
  });
}
