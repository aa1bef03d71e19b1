import { createPosCore } from '../core/core';
import type { CommandRunner } from './protocol';
import { commandRunner, type CommandHandlers } from './runner';

/** How often the runner looks whether the sync status moved, to tell the screens without their asking. */
const STATUS_EVERY_MS = 2_000;

/**
 * The counter's core behind the command map, on the device's data folder: what Electron's utility process and the
 * browser host serve. Sync starts at once; a `status` event goes out whenever the sync status changes.
 */
export async function openCoreRunner(options: {
  dataDir: string;
  appVersion?: string;
}): Promise<CommandRunner> {
  const core = createPosCore({
    dataDir: options.dataDir,
    ...(options.appVersion && { appVersion: options.appVersion }),
  });
  core.startSync();
  const listeners = new Set<(name: string, data: unknown) => void>();
  let last = '';
  const tellStatus = async () => {
    const status = await core.commands.status();
    const seen = JSON.stringify(status);
    if (seen === last) return;
    last = seen;
    for (const listener of listeners) listener('status', status);
  };
  const timer = setInterval(() => void tellStatus().catch(() => {}), STATUS_EVERY_MS);
  timer.unref();
  // The bell's changes go out as they happen (a staff member's new-order notification must not wait for a timer).
  const stopEvents = core.onEvent((name, data) => {
    for (const listener of listeners) listener(name, data);
  });
  // Pairing starts sync on a counter that had no server before.
  const commands: CommandHandlers = {
    ...(core.commands as unknown as CommandHandlers),
    pair: async (input) => {
      const paired = await core.commands.pair(input as Parameters<typeof core.commands.pair>[0]);
      core.startSync();
      return paired;
    },
  };
  return commandRunner(
    commands,
    {
      on: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    async () => {
      clearInterval(timer);
      stopEvents();
      core.close();
    },
  );
}
