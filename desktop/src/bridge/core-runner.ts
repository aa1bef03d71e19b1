import type { CommandRunner } from './protocol';

/** The counter's core behind the command map, on the device's data folder. Wired to the core when it lands. */
export async function openCoreRunner(options: { dataDir: string }): Promise<CommandRunner> {
  throw new Error(`the counter's core is not in this build yet (data folder ${options.dataDir})`);
}
