import {
  useId,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { Button } from './button';
import { cn } from './cn';

const control =
  'block w-full rounded-lg border bg-white px-3 text-base text-ink shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-200 focus:outline-none disabled:bg-slate-50';

interface FieldIds {
  id: string;
  describedBy: string | undefined;
  invalid: boolean;
}

interface FieldProps {
  label: ReactNode;
  /** What is wrong with the value (from the form's zod schema or from the server's answer). */
  error?: string;
  hint?: ReactNode;
  className?: string;
  children: (ids: FieldIds) => ReactNode;
}

/** A labelled control with its hint and error, wired together for screen readers. */
export function Field({ label, error, hint, className, children }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={cn('space-y-1', className)}>
      <label htmlFor={id} className="block text-sm font-medium text-ink">
        {label}
      </label>
      {children({ id, describedBy, invalid: Boolean(error) })}
      {hint && !error && (
        <p id={hintId} className="text-sm text-muted">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** The parts every field shows around its control. */
type Labelled = { label: ReactNode; error?: string; hint?: ReactNode };

/** What every control inside a Field carries: its id, the link to its hint and error, and the error look. */
function wiring({ id, describedBy, invalid }: FieldIds, shape: string) {
  return {
    id,
    'aria-describedby': describedBy,
    'aria-invalid': invalid || undefined,
    className: cn(control, shape, invalid ? 'border-red-500' : 'border-line'),
  };
}

/** Splits a field's props into what its Field shows around the control and what the control itself takes. */
function fieldParts<P extends Labelled & { className?: string }>({
  label,
  error,
  hint,
  className,
  ...rest
}: P) {
  return { field: { label, error, hint, className }, rest };
}

type InputProps = InputHTMLAttributes<HTMLInputElement> & Labelled & { ref?: React.Ref<HTMLInputElement> };

export function TextField({ ref, ...props }: InputProps) {
  const { field, rest } = fieldParts(props);
  return <Field {...field}>{(ids) => <input ref={ref} {...wiring(ids, 'h-11')} {...rest} />}</Field>;
}

/** An email address: the phone shows its email keyboard, nothing corrects or capitalises what is typed. */
export function EmailField(props: InputProps) {
  return (
    <TextField
      type="email"
      autoComplete="email"
      inputMode="email"
      spellCheck={false}
      autoCapitalize="none"
      {...props}
    />
  );
}

/** A phone number, with the phone's number keyboard. */
export function PhoneField(props: InputProps) {
  return <TextField type="tel" autoComplete="tel" inputMode="tel" {...props} />;
}

/** A password, shown as typed while `shown` (the "show password" box is ticked). */
export function PasswordField({ shown, ...props }: InputProps & { shown: boolean }) {
  return <TextField type={shown ? 'text' : 'password'} {...props} />;
}

type TextAreaProps = TextareaHTMLAttributes<HTMLTextAreaElement> &
  Labelled & { ref?: React.Ref<HTMLTextAreaElement> };

export function TextAreaField({ ref, ...props }: TextAreaProps) {
  const { field, rest } = fieldParts(props);
  return (
    <Field {...field}>{(ids) => <textarea ref={ref} {...wiring(ids, 'min-h-28 py-2')} {...rest} />}</Field>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> &
  Labelled & { ref?: React.Ref<HTMLSelectElement> };

export function SelectField({ ref, children, ...props }: SelectProps) {
  const { field, rest } = fieldParts(props);
  return (
    <Field {...field}>
      {(ids) => (
        <select ref={ref} {...wiring(ids, 'h-11')} {...rest}>
          {children}
        </select>
      )}
    </Field>
  );
}

/** A form-level message (what went wrong that is not about one field). */
export function FormAlert({
  children,
  tone = 'error',
}: {
  children: ReactNode;
  tone?: 'error' | 'info' | 'success';
}) {
  const tones = {
    error: 'border-red-200 bg-red-50 text-red-900',
    info: 'border-brand-200 bg-brand-50 text-brand-900',
    success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  };
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={cn('rounded-lg border px-4 py-3 text-sm', tones[tone])}
    >
      {children}
    </div>
  );
}

/**
 * The end of a form set in a page (not a sign-in card): what went wrong that is not about one field, then the
 * button that sends it, on the right from tablets up.
 */
export function FormEnd({
  error,
  busy,
  size,
  children,
}: {
  error: string | null;
  busy: boolean;
  size?: 'md' | 'lg';
  children: ReactNode;
}) {
  return (
    <>
      {error && <FormAlert>{error}</FormAlert>}
      <div className="flex justify-end">
        <Button type="submit" size={size} busy={busy} className="w-full sm:w-auto">
          {children}
        </Button>
      </div>
    </>
  );
}
