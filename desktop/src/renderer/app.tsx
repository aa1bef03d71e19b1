import { FormAlert } from '@shop/ui';
import { Counter } from './counter';
import { useCounterStatus } from './frame/use-counter-status';
import { Pairing } from './pairing';

/** The counter's window: pairing a new device, then the counter itself (sign-in, selling) under its status bar. */
export function App() {
  const { status, unreachable, refresh } = useCounterStatus();
  if (!status)
    return unreachable ? (
      <main className="p-8">
        <FormAlert>The counter could not be reached.</FormAlert>
      </main>
    ) : (
      <main aria-busy="true" />
    );
  if (!status.paired) return <Pairing onPaired={() => void refresh()} />;
  return <Counter status={status} />;
}
