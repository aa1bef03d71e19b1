import { useEffect, useState, type FormEvent } from 'react';
import type { SyncStatus as CounterStatus } from '../core/sync/status';
import { CommandFailed, onCoreEvent, run } from './bridge';

/**
 * The window the shell shows until the counter screens arrive: pairing a new device, then the core's sync status.
 */
export function App() {
  const [status, setStatus] = useState<CounterStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    const refresh = () =>
      run<CounterStatus>('status')
        .then(setStatus)
        .catch((error: unknown) => setProblem(messageOf(error)));
    void refresh();
    const stop = onCoreEvent((name) => {
      if (name === 'status') void refresh();
    });
    const timer = setInterval(refresh, 5_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, []);

  if (problem && !status)
    return (
      <main className="shell">
        <h1>Counter</h1>
        <p className="error">{problem}</p>
      </main>
    );
  if (!status) return <main className="shell" aria-busy="true" />;
  return (
    <main className="shell">
      {status.paired ? <SyncStatus status={status} /> : <Pairing onPaired={setStatus} />}
    </main>
  );
}

function SyncStatus({ status }: { status: CounterStatus }) {
  return (
    <>
      <h1>{status.deviceName}</h1>
      <dl>
        <dt>Server</dt>
        <dd>{status.serverUrl}</dd>
        <dt>Connection</dt>
        <dd className={status.online ? 'online' : 'offline'}>{status.online ? 'Online' : 'Offline'}</dd>
        <dt>Last sync</dt>
        <dd>{status.lastSyncAt ? new Date(status.lastSyncAt).toLocaleString() : 'Not yet'}</dd>
        <dt>Waiting to send</dt>
        <dd>{status.pending}</dd>
        <dt>Needs attention</dt>
        <dd>{status.failed.length}</dd>
        {status.lastError && (
          <>
            <dt>Last problem</dt>
            <dd className="error">{status.lastError}</dd>
          </>
        )}
      </dl>
    </>
  );
}

function Pairing({ onPaired }: { onPaired: (status: CounterStatus) => void }) {
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
      onPaired(await run<CounterStatus>('status'));
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>Set up this counter</h1>
      <form onSubmit={submit}>
        <p className="hint">
          An admin creates the counter (npm run shop -- create-device on the server) and reads you its pairing
          code. It works once, for 15 minutes.
        </p>
        <label>
          Shop server address
          <input
            name="serverUrl"
            type="url"
            required
            placeholder="https://shop.example.com"
            autoComplete="url"
          />
        </label>
        <label>
          Pairing code
          <input
            name="pairingCode"
            required
            placeholder="XXXX-XXXX-XXXX"
            autoComplete="off"
            spellCheck={false}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" disabled={busy}>
          {busy ? 'Pairing…' : 'Pair this counter'}
        </button>
      </form>
    </>
  );
}

function messageOf(error: unknown): string {
  return error instanceof CommandFailed ? error.message : 'The counter could not be reached.';
}
