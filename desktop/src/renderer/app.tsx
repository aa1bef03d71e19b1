import { FormAlert, LocaleProvider } from '@shop/ui';
import { Counter } from './counter';
import { useCounterStatus } from './frame/use-counter-status';
import { Pairing } from './pairing';
import { CustomerDisplay } from './pay/customer-display';

/** The counter's window: pairing a new device, then the counter itself (sign-in, selling) under its status bar. */
export function App() {
  // The customer-facing window shows only the sale: no status bar, no sign-in.
  return window.location.hash === '#/customer' ? <CustomerDisplay /> : <CounterWindow />;
}

function CounterWindow() {
  const { status, unreachable, refresh } = useCounterStatus();
  if (!status)
    return unreachable ? (
      <main className="p-8">
        <FormAlert>The counter could not be reached.</FormAlert>
      </main>
    ) : (
      <main aria-busy="true" />
    );
  if (!status.paired)
    return (
      // Nobody is signed in yet: the counter's own language choice, the one sign-in starts from.
      <LocaleProvider storageKey="counter.locale.counter">
        <Pairing onPaired={() => void refresh()} />
      </LocaleProvider>
    );
  return <Counter status={status} />;
}
