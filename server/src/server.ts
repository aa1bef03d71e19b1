import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { openDatabase, type ShopDatabase } from './db/database';
import { migrateToLatest } from './db/migrate';
import { composeShop } from './compose';
import { createApp } from './http/app';
import { connectionCap, guardConnections } from './http/connections';
import { createLogger, type Logger } from './logger';
import { startOutboxWorker, type OutboxWorker } from './mail/worker';
import { createBakongClient } from './modules/payments/bakong-client';
import { bakongBaseUrl } from './modules/payments/bakong-standin';
import { startPaymentWatcher, type PaymentWatcher } from './modules/payments/watcher';
import { rebuildSearchIndexIfStale } from './modules/catalog/search-upkeep';
import { startProcessHeartbeat } from './modules/reports/server-processes';
import { startRetentionJob, type RetentionJob } from './modules/retention/job';
import { noticeBakongTokenExpiry } from './modules/notifications/producers';
import { bakongTokenStatus } from './modules/settings/bakong-token';
import { startBestSellerRanking } from './modules/sync/shelf-version';
import { seedDemoShop } from './seed/demo';

const LISTEN_BACKLOG = 4_096;

export interface RunningServer {
  url: string;
  database: ShopDatabase;
  logger: Logger;
  /** The mail outbox worker: `mail.runOnce()` sends what is due now instead of at the next poll. */
  mail: OutboxWorker;
  /** The payment job: `payments.runOnce()` asks Bakong about due payments now. */
  payments: PaymentWatcher;
  /** The pruning job: `retention.runOnce()` prunes and compacts now (unless a process did within the hour). */
  retention: RetentionJob;
  /** Stops accepting connections, lets in-flight requests finish (up to the shutdown timeout), closes the database. */
  close(): Promise<void>;
}

/** Opens and migrates the database, seeds an empty one, and listens. Used by main.ts and by tests. */
export async function startServer(config: Config, options: { logger?: Logger } = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = await openDatabase(config.databaseUrl, {
    logger,
    connectAttempts: config.dbConnectAttempts,
    checkpointInBackground: true,
  });
  try {
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ migrations: applied }, 'database migrated');
    // Before the seed: an empty database has nothing to rebuild, and the seed then writes the index as it is now.
    if (await rebuildSearchIndexIfStale(database.db)) logger.info('search index rebuilt');
    if (config.seed === 'demo') await seedDemoShop(database.db, config, logger);
  } catch (error) {
    await database.close();
    throw error;
  }

  let listeningAt: string | null = null;
  const shop = composeShop({ config, database, logger, listeningAt: () => listeningAt });
  const mail = startOutboxWorker({
    db: database.db,
    sender: shop.mail.sender,
    logger,
    from: shop.mail.from,
    pollMs: config.mailPollMs,
  });
  const stopMail = async () => {
    await mail.stop();
    await shop.mail.sender.close();
  };
  const { limits } = config;
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      // Node has one request timeout for every route: the uploads'. JSON bodies have their own, shorter one
      // (json-body.ts), and the rest of a body no route reads must follow the answer soon (http/connections.ts).
      requestTimeout: limits.uploadTimeoutMs,
      // How often those timeouts are checked (Node's default, 30 s, would let a slow client overstay by as much).
      connectionsCheckingInterval: Math.max(25, Math.min(250, Math.floor(limits.headersTimeoutMs / 4))),
    },
    createApp(shop),
  );
  server.keepAliveTimeout = 65_000;
  const connections = guardConnections(server, {
    cap: connectionCap(limits.maxConnections),
    // A connection that only discards costs next to nothing: let it linger for a few body timeouts.
    lingerMs: limits.bodyTimeoutMs * 3,
    logger,
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Connections waiting to be accepted: Node's default of 511 overflows when thousands of clients connect at
      // once (slow clients reconnecting after a timeout), and then every client's SYN is dropped and retried only
      // after 1 s, 3 s, 7 s. The kernel caps it at net.core.somaxconn.
      server.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG }, () => resolve());
    });
  } catch (error) {
    connections.stop();
    await stopMail();
    await database.close();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  listeningAt = url;
  const { health } = shop.observability;
  const heartbeat = startProcessHeartbeat({
    db: database.db,
    me: { id: health.processId, version: health.version, startedAt: health.startedAt },
    logger,
  });
  // Listed from the first look at the health screen; a failed first beat is retried by the timer.
  await heartbeat
    .beatOnce()
    .catch((error: unknown) => logger.warn({ err: error }, 'could not record this server process yet'));
  const payments = startPaymentWatcher({
    db: database.db,
    mailer: shop.orderMailer,
    bakong: createBakongClient({ baseUrl: bakongBaseUrl(config.bakong, url), token: shop.bakongToken }),
    logger,
    pollMs: config.bakong.pollMs,
  });

  // "Popular" follows the sales every few minutes rather than with each sale (sync/shelf-version.ts).
  const bestSellers = startBestSellerRanking({ db: database.db, logger });
  // Sent mails, ended sessions, old audit rows and the change feed's history, pruned in small batches hourly.
  const retention = startRetentionJob({
    db: database.db,
    logger,
    // Staff are told once per token when it is about to expire (notifications/producers.ts).
    alsoHourly: (now) =>
      noticeBakongTokenExpiry(
        database.db,
        () => bakongTokenStatus(database.db, shop.secrets, config.bakong, now),
        now,
      ),
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Counters' event streams never end by themselves: end them, the counters reconnect elsewhere.
      shop.changeNudge.close();
      shop.notificationStream.close();
      const drained = new Promise<void>((resolve) => server.close(() => resolve()));
      // Keep-alive connections become idle as their last response ends: close them as they do, and cut whatever
      // is still open when the shutdown timeout is over.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      server.closeIdleConnections();
      await drained;
      clearInterval(sweep);
      clearTimeout(timer);
      connections.stop();
      // The jobs finish the payment or mail at hand before the database they record it in closes.
      await payments.stop();
      await bestSellers.stop();
      await retention.stop();
      await heartbeat.stop();
      await stopMail();
      await database.close();
    })());
  return { url, database, logger, mail, payments, retention, close };
}
