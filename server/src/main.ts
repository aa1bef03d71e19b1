import { ConfigError, loadConfig } from './config';
import { createLogger } from './logger';
import { startServer } from './server';

/** `npm start`: run the shop until SIGTERM/SIGINT, then drain requests and close the database. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const running = await startServer(config, { logger }).catch((error: unknown) => {
    logger.fatal(
      { err: error },
      `The shop could not start: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exit(1);
  });
  logger.info({ url: running.url, db: running.database.dialect }, `The shop is open at ${config.publicUrl}`);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      logger.info({ signal }, 'shutting down: finishing requests in flight');
      running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
}

void main();
