import { zodResolver } from '@hookform/resolvers/zod';
import { ApiError } from '@shop/shared/client-core';
import { useState } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldValues,
  type Path,
  type UseFormReturn,
} from 'react-hook-form';
import type { z } from 'zod';

export interface ShopForm<T extends FieldValues> extends UseFormReturn<T> {
  /** What went wrong that is not about one field (shown above the submit button). */
  formError: string | null;
  setFormError: (message: string | null) => void;
  /**
   * Sends the form: validates with the same zod schema the server uses, then runs `send`; field errors in the
   * server's answer are put on their fields, anything else becomes the form error.
   */
  submit: (send: (values: T) => Promise<unknown>) => (event?: React.BaseSyntheticEvent) => Promise<void>;
}

export function useShopForm<S extends z.ZodType<FieldValues, FieldValues>>(
  schema: S,
  defaultValues?: DefaultValues<z.input<S>>,
  messages: { failed: string } = { failed: 'Something went wrong. Please try again.' },
): ShopForm<z.input<S>> {
  // zod's input type is what the fields hold; the server receives the parsed output.
  const form = useForm<z.input<S>>({
    resolver: zodResolver(schema as never),
    defaultValues,
    mode: 'onTouched',
  });
  const [formError, setFormError] = useState<string | null>(null);

  const submit = (send: (values: z.input<S>) => Promise<unknown>) =>
    form.handleSubmit(async (values) => {
      setFormError(null);
      try {
        await send(values);
      } catch (error) {
        setFormError(error instanceof ApiError ? applyServerErrors(form, error) : messages.failed);
      }
    });

  return { ...form, formError, setFormError, submit };
}

/**
 * Puts the server's field errors on the fields the form has; returns the message to show at the form level when
 * some error has no field here (or null when every error found its field).
 */
export function applyServerErrors<T extends FieldValues>(
  form: UseFormReturn<T>,
  error: unknown,
): string | null {
  if (!(error instanceof ApiError)) return null;
  const known = Object.keys(form.getValues());
  let unplaced = false;
  for (const [path, message] of Object.entries(error.fields)) {
    const field = path.replace(/^body\./, '');
    if (known.includes(field.split('.')[0]!)) form.setError(field as Path<T>, { type: 'server', message });
    else unplaced = true;
  }
  const placedAll = Object.keys(error.fields).length > 0 && !unplaced;
  return placedAll ? null : error.message;
}
