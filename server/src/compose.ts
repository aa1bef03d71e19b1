import type { Config } from './config';
import type { Db, ShopDatabase } from './db/database';
import type { Logger } from './logger';
import { createShopMail, type ShopMail } from './mail/shop-mail';
import { authenticateCounter } from './modules/devices/service';
import { createChangeNudge, type ChangeNudge } from './modules/sync/nudge';
import { authenticateRequest } from './modules/accounts/sessions';
import { createNotificationStream, type NotificationStream } from './modules/notifications/events';
import { createOrderMailer, type OrderMailer } from './modules/orders/notifications';
import { createBakongReachability } from './modules/payments/bakong-reachability';
import { createPaymentDeeplinks, deeplinkBakong, type PaymentDeeplinks } from './modules/payments/deeplinks';
import type { PaymentPolicy } from './modules/payments/service';
import { bakongTokenSource } from './modules/settings/bakong-token';
import { createObservability, type Observability } from './modules/reports/observability';
import type { SecretBox } from './secrets/secret-box';
import { openSecretBox } from './secrets/secret-key';
import { createPictures, type Pictures } from './storage/images';
import { createStorage, type FileStorage } from './storage/storage';

/**
 * The composition root: every service the shop's parts need, built once from the configuration and handed on.
 * Nothing in `server/src` keeps state of its own at module level (a lint rule holds it so), so two shops in one
 * process (tests, or the desktop's core with its own database) never share a cache, a mailer or an address.
 *
 * The HTTP app (http/app.ts) and the background jobs (server.ts) take what they need from here; a module's handlers
 * take their part of it as arguments (e.g. `orderHandlers(shop)`), and its services take it on down.
 */
export interface ShopServices {
  config: Config;
  database: ShopDatabase;
  db: Db;
  logger: Logger;
  /** Order mails and the links in them (PUBLIC_URL). */
  orderMailer: OrderMailer;
  /** What issuing a KHQR may accept (the stand-in's demo account) and how long a paid-late QR still counts. */
  paymentPolicy: PaymentPolicy;
  /** Links that open a bank app on a payable QR. */
  deeplinks: PaymentDeeplinks;
  /** Product pictures and payment screenshots: local disk or object storage. */
  storage: FileStorage;
  /** Decodes and resizes uploaded pictures, so many at once. */
  pictures: Pictures;
  /** Counters listening for changes to pull (server-sent events): one feed watcher for the process. */
  changeNudge: ChangeNudge;
  /** Signed-in people listening for their notifications (server-sent events): one watcher for the process. */
  notificationStream: NotificationStream;
  /** Seals and opens the secrets stored in settings (the Bakong token, the SMTP password). */
  secrets: SecretBox;
  /** The Bakong token in use now, read at each call: the back office's, else BAKONG_TOKEN. */
  bakongToken: () => Promise<string>;
  /** Mails: the sender and server in use now (the back office's, else MAIL_FROM and SMTP_URL). */
  mail: ShopMail;
  /** This process's metrics registry and what the health screen and /metrics read. */
  observability: Observability;
}

/** The health probe of Bakong waits this long at most: a screen is waiting on it (payments/bakong-reachability.ts). */
const BAKONG_PROBE_TIMEOUT_MS = 3_000;

export function composeShop(parts: {
  config: Config;
  database: ShopDatabase;
  logger: Logger;
  /**
   * This server's own address once it listens (null before): with the built-in Bakong stand-in, Bakong is this very
   * server, and PORT may be 0.
   */
  listeningAt: () => string | null;
}): ShopServices {
  const { config, database, logger } = parts;
  const secrets = openSecretBox(config);
  const bakongToken = bakongTokenSource(database.db, secrets, config.bakong);
  return {
    config,
    database,
    db: database.db,
    logger,
    orderMailer: createOrderMailer(config.publicUrl),
    paymentPolicy: { allowDemoAccount: config.bakong.standin, graceMs: config.paymentGraceMs },
    deeplinks: createPaymentDeeplinks({
      db: database.db,
      bakong: deeplinkBakong(config.bakong, bakongToken, parts.listeningAt),
      publicUrl: config.publicUrl,
    }),
    storage: createStorage(config.storage),
    pictures: createPictures(config.uploads),
    changeNudge: createChangeNudge({
      db: database.db,
      logger,
      authenticate: (req) => authenticateCounter(database.db, req),
    }),
    notificationStream: createNotificationStream({
      db: database.db,
      logger,
      authenticate: (req) => authenticateRequest(database.db, req),
    }),
    secrets,
    bakongToken,
    mail: createShopMail({ db: database.db, box: secrets, config, logger }),
    observability: createObservability({
      config,
      database,
      secrets,
      bakongReachability: createBakongReachability({
        bakong: deeplinkBakong(config.bakong, bakongToken, parts.listeningAt, BAKONG_PROBE_TIMEOUT_MS),
      }),
    }),
  };
}
