import { ConfigError, loadConfig, type Config } from '../config';
import { openDatabase, type ShopDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { createLogger } from '../logger';

/** Opens and migrates the configured database for a command-line tool; exits with the reason when it cannot. */
export async function openForCli(): Promise<{ config: Config; database: ShopDatabase }> {
  try {
    const config = loadConfig();
    const database = await openDatabase(config.databaseUrl, {
      logger: createLogger('warn'),
      connectAttempts: config.dbConnectAttempts,
    });
    await migrateToLatest(database.db);
    return { config, database };
  } catch (error) {
    console.error(
      error instanceof ConfigError ? error.message : `Cannot open the database: ${(error as Error).message}`,
    );
    process.exit(1);
  }
}

/** Reads `--name value` options; a flag without a value reads as "true". */
export function parseOptions(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!arg.startsWith('--')) continue;
    const next = args[i + 1];
    options[arg.slice(2)] = next && !next.startsWith('--') ? (i++, next) : 'true';
  }
  return options;
}
