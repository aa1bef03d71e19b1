import { Button, FormAlert, TextField, useMessages } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import type { SyncStatus } from '../core/sync/status';
import { messageOf, run } from './bridge';
import { LanguageSwitch } from './frame/status-bar';
import { pairingTexts } from './pairing-texts';

/** A new counter: the shop server's address and the one-time code an admin made for it. */
export function Pairing({ onPaired }: { onPaired: (status: SyncStatus) => void }) {
  const t = useMessages(pairingTexts);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(null);
    try {
      await run('pair', {
        serverUrl: String(form.get('serverUrl') ?? ''),
        pairingCode: String(form.get('pairingCode') ?? ''),
      });
      onPaired(await run<SyncStatus>('status'));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="mx-auto mt-12 max-w-xl rounded-card border border-line bg-white p-8 shadow-sm">
      <div className="mb-6 flex items-center justify-between gap-4">
        <h1 className="text-2xl font-bold">{t.title}</h1>
        <LanguageSwitch />
      </div>
      <form onSubmit={submit} className="grid gap-4">
        <p className="text-muted">{t.hint}</p>
        <TextField
          label={t.serverUrl}
          name="serverUrl"
          type="url"
          required
          placeholder="https://shop.example.com"
          autoComplete="url"
        />
        <TextField
          label={t.pairingCode}
          name="pairingCode"
          required
          placeholder="XXXX-XXXX-XXXX"
          autoComplete="off"
          spellCheck={false}
        />
        {error && <FormAlert>{error}</FormAlert>}
        <Button type="submit" size="lg" busy={busy}>
          {busy ? t.pairing : t.pair}
        </Button>
      </form>
    </main>
  );
}
