import { Button, FormAlert, TextField } from '@shop/ui';
import { useState, type FormEvent } from 'react';
import type { SyncStatus } from '../core/sync/status';
import { messageOf, run } from './bridge';

/** A new counter: the shop server's address and the one-time code an admin made for it. */
export function Pairing({ onPaired }: { onPaired: (status: SyncStatus) => void }) {
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
      <h1 className="mb-6 text-2xl font-bold">Set up this counter</h1>
      <form onSubmit={submit} className="grid gap-4">
        <p className="text-muted">
          An admin creates the counter (npm run shop -- create-device on the server) and reads you its pairing
          code. It works once, for 15 minutes.
        </p>
        <TextField
          label="Shop server address"
          name="serverUrl"
          type="url"
          required
          placeholder="https://shop.example.com"
          autoComplete="url"
        />
        <TextField
          label="Pairing code"
          name="pairingCode"
          required
          placeholder="XXXX-XXXX-XXXX"
          autoComplete="off"
          spellCheck={false}
        />
        {error && <FormAlert>{error}</FormAlert>}
        <Button type="submit" size="lg" busy={busy}>
          {busy ? 'Pairing…' : 'Pair this counter'}
        </Button>
      </form>
    </main>
  );
}
