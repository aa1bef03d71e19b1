import { fork } from 'node:child_process';
import { slowCrowd, type CrowdStats, type SlowCrowdOptions } from './slow-clients';

/**
 * The slow clients run in a process of their own: thousands of connections closing and reopening at once would
 * otherwise stall the event loop that times the fresh visitors, and the visitors' latency would be the benchmark's
 * own. The parent starts it with the crowd's options and asks it for its counts.
 */

type Request = { type: 'start'; options: SlowCrowdOptions } | { type: 'stats' } | { type: 'stop' };
type Reply = { type: 'ready' | 'stats'; stats: CrowdStats } | { type: 'stopped' };

export interface CrowdProcess {
  pid: number | undefined;
  /** Resolves once the connections are open (or the ramp-up gave up), with the counts then. */
  ready: Promise<CrowdStats>;
  stats(): Promise<CrowdStats>;
  stop(): Promise<void>;
}

export function startCrowdProcess(options: SlowCrowdOptions): CrowdProcess {
  const child = fork(import.meta.filename, [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const waiting: ((reply: Reply) => void)[] = [];
  child.on('message', (reply: Reply) => waiting.shift()?.(reply));
  const ask = (request: Request) =>
    new Promise<Reply>((resolve) => {
      waiting.push(resolve);
      child.send(request);
    });
  const statsOf = (reply: Reply) => ('stats' in reply ? reply.stats : Promise.reject(new Error('no counts')));
  return {
    pid: child.pid,
    ready: ask({ type: 'start', options }).then(statsOf),
    stats: () => ask({ type: 'stats' }).then(statsOf),
    stop: async () => {
      await ask({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
    },
  };
}

/** In the child: runs the crowd the parent describes until it says stop. */
function serveParent(): void {
  let crowd: ReturnType<typeof slowCrowd> | null = null;
  const reply = (message: Reply) => process.send!(message);
  process.on('message', (request: Request) => {
    if (request.type === 'start') {
      crowd = slowCrowd(request.options);
      void crowd
        .rampUp(request.options.connections / 100, 60_000)
        .then(() => reply({ type: 'ready', stats: crowd!.stats() }));
    } else if (request.type === 'stats') {
      reply({ type: 'stats', stats: crowd!.stats() });
    } else {
      void crowd!.stop().then(() => {
        reply({ type: 'stopped' });
        process.disconnect();
      });
    }
  });
}

if (process.send && process.argv[1] === import.meta.filename) serveParent();
