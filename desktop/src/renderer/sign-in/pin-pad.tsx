import { Button, FormAlert, useMessages } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import { signInTexts } from './texts';

const digits = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** A PIN typed on the keyboard or tapped on big keys (a touch screen); Enter or "Open" sends it. */
export function PinPad({
  onSubmit,
  error,
  busy,
  submitLabel,
  compact = false,
}: {
  onSubmit: (pin: string) => void;
  error: string | null;
  busy: boolean;
  /** What the send key says (default: unlock). */
  submitLabel?: string;
  /** Shorter keys, for the pad inside a dialog (which must fit a 768-pixel-high screen). */
  compact?: boolean;
}) {
  const t = useMessages(signInTexts);
  const [pin, setPin] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (pin) onSubmit(pin);
    setPin('');
  };
  const key = compact ? 'h-12 text-xl' : 'h-16 text-2xl';
  return (
    <form onSubmit={submit} className="grid w-72 gap-3">
      <label className="grid gap-1 text-sm font-medium">
        {t.pin}
        <input
          type="password"
          inputMode="numeric"
          autoComplete="off"
          autoFocus
          value={pin}
          onChange={(event) => setPin(event.target.value.replace(/\D/g, '').slice(0, 12))}
          className="h-14 rounded-lg border border-line px-4 text-center text-3xl tracking-[0.5em]"
        />
      </label>
      <div className="grid grid-cols-3 gap-2">
        {digits.map((digit) => (
          <Button key={digit} variant="secondary" className={key} onClick={() => setPin((p) => p + digit)}>
            {digit}
          </Button>
        ))}
        <Button variant="ghost" className={key} onClick={() => setPin('')} aria-label={t.clear}>
          C
        </Button>
        <Button variant="secondary" className={key} onClick={() => setPin((p) => p + '0')}>
          0
        </Button>
        <Button
          variant="ghost"
          className={key}
          onClick={() => setPin((p) => p.slice(0, -1))}
          aria-label={t.erase}
        >
          ⌫
        </Button>
      </div>
      {error && <FormAlert>{error}</FormAlert>}
      <Button type="submit" size="lg" busy={busy} disabled={!pin} className="h-14 text-lg">
        {submitLabel ?? t.unlock}
      </Button>
    </form>
  );
}
