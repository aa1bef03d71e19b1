import path from 'node:path';
import { backUpShop, megabytes } from '../backup/backup';
import { BackupError } from '../backup/manifest';
import { pruneBackups } from '../backup/prune';
import { restoreShop } from '../backup/restore';
import { ConfigError, loadConfig } from '../config';
import { readArguments, UsageError } from './options';

/**
 * `backup <dir> [--keep N]` and `restore <dir>`: the logic is in server/src/backup/, these read the command line,
 * print and choose the exit code: 0 done, 1 refused or failed (the message says why and what to do), and for a
 * restore 2: restored, but some stock counters disagree with their ledger.
 */
export async function backupCommand(args: readonly string[]): Promise<number> {
  return run('backup <dir> [--keep N]', args, { keep: 'value' }, async ({ dir, options, config }) => {
    const keep = options.keep === undefined ? null : Number(options.keep);
    if (keep !== null && !(Number.isInteger(keep) && keep >= 1))
      throw new UsageError('--keep takes the number of backups to keep, at least 1 (e.g. --keep 14)');
    const result = await backUpShop(config, dir, say);
    console.log(
      `Backup written to ${result.dir} (${megabytes(result.bytes)}, ${(result.manifest.tookMs / 1000).toFixed(1)} s).`,
    );
    if (keep !== null) await pruneBackups(result.dir, keep, say);
    return 0;
  });
}

export async function restoreCommand(args: readonly string[]): Promise<number> {
  return run('restore <dir>', args, {}, async ({ dir, config }) => {
    const result = await restoreShop(config, dir, say);
    if (result.ledger && result.ledger.disagreements.length > 0) {
      console.error(
        'Restored, but the stock counters above disagree with their ledger: check these products before selling ' +
          '(the backup copied the shop as it was).',
      );
      return 2;
    }
    console.log('Restore done: start the shop (npm start) on this data folder.');
    return 0;
  });
}

const say = (line: string) => console.log(line);

async function run(
  synopsis: string,
  args: readonly string[],
  kinds: Parameters<typeof readArguments>[1],
  body: (input: {
    dir: string;
    options: Record<string, string>;
    config: ReturnType<typeof loadConfig>;
  }) => Promise<number>,
): Promise<number> {
  try {
    const { options, positional } = readArguments(args, kinds);
    if (positional.length !== 1) throw new UsageError(`name one folder: npm run shop -- ${synopsis}`);
    // npm runs the command in the server's folder: a relative folder means the one the command was typed in.
    const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), positional[0]!);
    return await body({ dir, options, config: loadConfig() });
  } catch (error) {
    if (error instanceof UsageError) console.error(`${synopsis.split(' ')[0]}: ${error.message}`);
    else if (error instanceof BackupError || error instanceof ConfigError) console.error(error.message);
    else console.error(`${synopsis.split(' ')[0]} failed: ${(error as Error).message}`);
    return 1;
  }
}
