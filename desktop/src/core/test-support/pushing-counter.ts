import { createPosCore } from '../core';

/**
 * A counter's process for the crash test: opens the core on the data folder it is given (paired, sales queued),
 * tells the parent it starts pushing, and pushes. The parent SIGKILLs it while the push is in flight, as a power cut
 * or a crashed app would end it.
 */
const core = createPosCore({ dataDir: process.argv[2]!, appVersion: '0.1.0-test' });
process.send?.({ pushing: true });
void core.pushNow().then(
  (outcome) => process.send?.({ done: outcome.results.length }),
  (error: unknown) => process.send?.({ failed: String(error) }),
);
