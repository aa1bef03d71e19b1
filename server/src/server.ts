import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { openDatabase, type ShopDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { createApp } from './http/app';
import { createLogger, type Logger } from './logger';
import { seedDemoShop } from './seed/demo';

export interface RunningServer {
  url: string;
  database: ShopDatabase;
  logger: Logger;
  /** Stops accepting connections, lets in-flight requests finish (up to the shutdown timeout), closes the database. */
  close(): Promise<void>;
}

/** Opens and migrates the database, seeds an empty one, and listens. Used by main.ts and by tests. */
export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openDatabase(config.databaseUrl, {
    logger,
    connectAttempts: config.dbConnectAttempts,
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ migrations: applied }, 'database migrated');
    if (config.seed === 'demo') await seedDemoShop(database.db, config.dataDir, logger);
  } catch (error) {
    await database.close();
    throw error;
  }

  const server = http.createServer(createApp({ config, database, logger }));
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last response ends: close them as they do, and cut whatever
      // is still open when the shutdown timeout is over.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      server.closeIdleConnections();
      await drained;
      clearInterval(sweep);
      clearTimeout(timer);
      await database.close();
    })());
  return { url, database, logger, close };
}
