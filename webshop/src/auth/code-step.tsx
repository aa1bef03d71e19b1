import { Button, FormAlert, TextField, useMessages } from '@shop/ui';
import { loginOtpInputSchema } from '@shop/shared';
import { MailCheck } from 'lucide-react';
import { useState } from 'react';
import { common } from '../i18n/common';
import { useShopForm } from '../ui/form';
import { authErrorMessage } from './auth-error';
import { useFieldError } from './field-error';
import { showOnFields } from './server-fields';
import { authText } from './messages';
import { useCooldown } from './use-cooldown';

/** The server lets a new code be mailed once a minute. */
export const RESEND_COOLDOWN_SECONDS = 60;

// The same rule the server checks for sign-in and verification codes: six digits.
const codeSchema = loginOtpInputSchema.pick({ code: true });

interface CodeStepProps {
  heading: string;
  lead: string;
  email: string;
  /** Sends the code; throws the server's refusal (wrong, expired, too many tries). */
  send: (code: string) => Promise<void>;
  /** Asks for a new code by mail. */
  resend: () => Promise<void>;
  /** Back to the first step, to use another address. */
  onBack: () => void;
}

/**
 * The step after a code was mailed: the 6-digit code (the phone's keyboard shows digits and can fill it in from
 * the mail), a "send a new code" button that waits out the server's one-minute pause, and a way back.
 */
export function CodeStep({ heading, lead, email, send, resend, onBack }: CodeStepProps) {
  const t = useMessages(authText);
  const c = useMessages(common);
  const fieldError = useFieldError();
  const form = useShopForm(codeSchema, { code: '' }, { failed: c.somethingWrong });
  const cooldown = useCooldown(RESEND_COOLDOWN_SECONDS);
  const [resending, setResending] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  const onSubmit = form.submit(async ({ code }) => {
    setNotice(null);
    try {
      await send(code);
    } catch (error) {
      if (showOnFields(form, error)) return;
      const message = authErrorMessage(error, t);
      if (!message) throw error;
      form.setFormError(message);
    }
  });

  const onResend = async () => {
    setResending(true);
    setNotice(null);
    form.setFormError(null);
    form.clearErrors();
    try {
      await resend();
      form.reset({ code: '' });
      setNotice(t.codeResent);
    } catch (error) {
      form.setFormError(authErrorMessage(error, t) ?? c.somethingWrong);
    } finally {
      // Also after a refusal: the server's pause is a minute either way.
      cooldown.start(RESEND_COOLDOWN_SECONDS);
      setResending(false);
    }
  };

  const code = form.register('code', { setValueAs: (value: string) => value.replace(/\D/g, '') });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-5">
      <div className="flex gap-3">
        <MailCheck className="mt-0.5 size-6 shrink-0 text-brand-600" aria-hidden="true" />
        <div>
          <h2 className="text-lg font-bold">{heading}</h2>
          <p className="mt-1 text-sm text-ink">{t.codeSentTo(email)}</p>
          <p className="mt-1 text-sm text-muted">{lead}</p>
        </div>
      </div>
      <TextField
        label={t.code}
        hint={t.codeHint}
        error={fieldError(form.formState.errors.code)}
        inputMode="numeric"
        autoComplete="one-time-code"
        pattern="[0-9 ]*"
        // Focus moves here when the step appears, so the customer (and a screen reader) is where the work is.
        autoFocus
        className="max-w-56"
        style={{ letterSpacing: '0.3em', fontVariantNumeric: 'tabular-nums' }}
        {...code}
      />
      {notice && <FormAlert tone="success">{notice}</FormAlert>}
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <Button type="submit" size="lg" className="w-full" busy={form.formState.isSubmitting}>
        {t.confirm}
      </Button>
      <div className="space-y-2 border-t border-line pt-4 text-sm">
        <p className="text-muted">{t.noMail}</p>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <Button
            variant="secondary"
            size="sm"
            onClick={() => void onResend()}
            busy={resending}
            disabled={cooldown.remaining > 0}
          >
            {cooldown.remaining > 0 ? t.resendIn(cooldown.remaining) : t.resendCode}
          </Button>
          <button
            type="button"
            onClick={onBack}
            className="rounded font-medium text-brand-700 underline-offset-2 hover:underline"
          >
            {t.otherAccount}
          </button>
        </div>
      </div>
    </form>
  );
}
