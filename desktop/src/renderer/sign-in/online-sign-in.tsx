import { Button, EmailField, FormAlert, PasswordField, TextField, useMessages } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import type { StaffMember } from '../../core/staff/sign-in';
import { messageOf, run } from '../bridge';
import { signInTexts } from './texts';

type OnlineAnswer = { signedIn: StaffMember } | { codeRequired: true; challengeId: string };

/** Password, then the code the server mails: the first sign-in on a counter, and whenever a PIN is not enough. */
export function OnlineSignIn({ onSignedIn }: { onSignedIn: (member: StaffMember) => void }) {
  const t = useMessages(signInTexts);
  const [challengeId, setChallengeId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const send = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      if (challengeId) {
        const code = String(form.get('code') ?? '').trim();
        onSignedIn(await run<StaffMember>('confirmSignInCode', { challengeId, code }));
        return;
      }
      const answer = await run<OnlineAnswer>('signInOnline', {
        email: String(form.get('email') ?? '').trim(),
        password: String(form.get('password') ?? ''),
      });
      if ('signedIn' in answer) onSignedIn(answer.signedIn);
      else setChallengeId(answer.challengeId);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={send} className="grid w-96 gap-4">
      <p className="text-sm text-muted">{t.onlineHint}</p>
      {challengeId ? (
        <TextField
          key="code"
          name="code"
          label={t.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          autoFocus
          required
          className="[&_input]:h-14 [&_input]:text-2xl [&_input]:tracking-widest"
        />
      ) : (
        <>
          <EmailField name="email" label={t.email} required autoFocus className="[&_input]:h-12" />
          <PasswordField
            shown={false}
            name="password"
            label={t.password}
            required
            className="[&_input]:h-12"
          />
        </>
      )}
      {error && <FormAlert>{error}</FormAlert>}
      <div className="flex gap-2">
        {challengeId && (
          <Button variant="secondary" size="lg" onClick={() => setChallengeId(null)}>
            {t.back}
          </Button>
        )}
        <Button type="submit" size="lg" busy={busy} className="flex-1">
          {challengeId ? t.confirm : t.next}
        </Button>
      </div>
    </form>
  );
}
