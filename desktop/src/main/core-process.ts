import { toCommandError, type CommandRequest, type CoreMessage } from '../bridge/protocol';
import { openCoreRunner } from '../bridge/core-runner';

/**
 * The core in Electron's utility process: plain Node with the local database, sync and POS services. It answers
 * each command message from main and posts the core's events; `shutdown` closes the database cleanly.
 */
const port = process.parentPort;
const dataDir = process.env.POS_DATA_DIR;
if (!dataDir) throw new Error('POS_DATA_DIR is not set');

const runner = await openCoreRunner({ dataDir });
runner.subscribe((name, data) => port.postMessage({ kind: 'event', name, data } satisfies CoreMessage));

port.on('message', async ({ data }: { data: CommandRequest }) => {
  if (data.command === 'shutdown') {
    await runner.close();
    process.exit(0);
  }
  try {
    const output = await runner.run(data.command, data.input);
    port.postMessage({ kind: 'answer', id: data.id, ok: true, output } satisfies CoreMessage);
  } catch (error) {
    port.postMessage({
      kind: 'answer',
      id: data.id,
      ok: false,
      error: toCommandError(error),
    } satisfies CoreMessage);
  }
});
