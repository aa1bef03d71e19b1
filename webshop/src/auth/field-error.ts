import type { FieldError } from 'react-hook-form';
import { useMessages } from '../i18n/i18n';
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
