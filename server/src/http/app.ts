import { randomUUID } from 'node:crypto';
import compression from 'compression';
import express, { type Express } from 'express';
import helmet from 'helmet';
import { pinoHttp } from 'pino-http';
import type { ShopServices } from '../compose';
import { accountHandlers } from '../modules/accounts/routes';
import { peopleHandlers } from '../modules/people/routes';
import { auditHandlers } from '../modules/audit/routes';
import { authenticateRequest } from '../modules/accounts/sessions';
import { BAKONG_STANDIN_PATH, createBakongStandin } from '../modules/payments/bakong-standin';
import { counterKhqrHandlers } from '../modules/payments/counter-khqr-routes';
import { paymentProofHandlers } from '../modules/payments/proofs-routes';
import { refundOwedHandlers } from '../modules/payments/refunds-owed-routes';
import { cartHandlers } from '../modules/cart/routes';
import { createCatalogCache } from '../modules/catalog/catalog-cache';
import { catalogFastLookup } from '../modules/catalog/fast-lookup';
import { catalogHandlers } from '../modules/catalog/routes';
import { invoiceHandlers } from '../modules/orders/invoice-routes';
import { guestOrderHandlers } from '../modules/orders/guest-routes';
import { orderHandlers } from '../modules/orders/routes';
import { stockListHandlers } from '../modules/inventory/lists-routes';
import { adminOrderHandlers } from '../modules/orders/admin-routes';
import { reconciliationHandlers } from '../modules/payments/reconciliation-routes';
import { customerHandlers } from '../modules/customers/routes';
import { inventoryHandlers } from '../modules/inventory/routes';
import { preOrderHandlers } from '../modules/pre-orders/routes';
import { adminSettingHandlers } from '../modules/settings/admin-routes';
import { shopInfoHandlers } from '../modules/settings/shop-info';
import { stockAlertHandlers } from '../modules/stock-alerts/routes';
import { wishlistHandlers } from '../modules/wishlist/routes';
import { promotionHandlers } from '../modules/promotions/routes';
import { notificationHandlers } from '../modules/notifications/routes';
import { pcBuilderHandlers } from '../modules/pc-builder/routes';
import { supportHandlers } from '../modules/support/routes';
import { claimHandlers } from '../modules/claims/routes';
import { deviceHandlers } from '../modules/devices/routes';
import { authenticateCounter } from '../modules/devices/service';
import { pushHandlers } from '../modules/sync/push-routes';
import { syncHandlers } from '../modules/sync/routes';
import { reportHandlers } from '../modules/reports/routes';
import { metricsHandler } from '../modules/reports/metrics';
import { serveFiles } from '../storage/serve';
import { createUploadReceiver } from '../storage/upload';
import { createBodyBudget } from './body-budget';
import { issueCsrfToken } from './csrf';
import { apiNotFound, errorHandler } from './error-handler';
import { fastAnswers, securityHeadersOf } from './fast-answers';
import { buildOpenApiDocument } from './openapi';
import { mountRoutes, type Handlers } from './routes';
import { serveWebshop } from './webshop';
import { createStorefront } from '../modules/storefront/routes';

const REQUEST_ID = /^[A-Za-z0-9._-]{8,64}$/;

/**
 * The whole HTTP surface, assembled in one place from the shop's services (compose.ts): middleware order here is
 * the order requests see.
 */
export function createApp(shop: ShopServices): Express {
  const { config, database, logger, db, storage, pictures } = shop;
  const app = express();
  const secure = config.publicUrl.startsWith('https://');
  app.disable('x-powered-by');
  app.set('etag', 'strong');
  app.set('query parser', 'simple');
  app.set('trust proxy', config.trustProxy);

  const securityHeaders = helmet({
    // Product pictures and payment QR codes are images of our own origin or data: URLs; nothing else is embedded.
    contentSecurityPolicy: {
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'upgrade-insecure-requests': secure ? [] : null,
      },
    },
    strictTransportSecurity: secure,
  });
  const requestStats = shop.observability.health.requests.middleware;
  const catalogCache = createCatalogCache(db);
  // First: public answers the catalog cache keeps are sent from it, past the middleware below (fast-answers.ts).
  app.use(
    fastAnswers({
      lookup: catalogFastLookup(catalogCache),
      securityHeaders: securityHeadersOf(securityHeaders),
      observe: requestStats,
      makeEtag: (body) => (app.get('etag fn') as (body: Buffer) => string)(body),
      cacheHeader: config.env !== 'production',
    }),
  );
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && REQUEST_ID.test(incoming) ? incoming : randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      customLogLevel: (_req, res, error) =>
        error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
      // For a 5xx, pino-http makes an Error of its own ("failed with status code 503") and formats its stack, which
      // says nothing (the error handler logs the real one) and is costly when the server sheds load by the thousand.
      customErrorObject: (_req, _res, _error, logged: object) => ({ ...logged, err: undefined }),
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(securityHeaders);
  app.use(requestStats);
  app.use(compression());

  // Development and tests only (config refuses it in production): Bakong's API and a pretend bank app in memory.
  if (config.bakong.standin) {
    app.use(BAKONG_STANDIN_PATH, createBakongStandin({ token: shop.bakongToken }).router);
    logger.warn(
      `Bakong stand-in at ${BAKONG_STANDIN_PATH}: payments are simulated (POST ${BAKONG_STANDIN_PATH}/dev/pay ` +
        'marks a QR paid). Set BAKONG_API_URL and BAKONG_TOKEN to take real payments.',
    );
  }

  const handlers: Handlers = {
    health: async () => ({ status: 'ok', db: database.dialect }),
    ...shopInfoHandlers(db, { demo: config.bakong.standin }),
    ...accountHandlers(db, config.publicUrl),
    ...catalogHandlers(db, storage, pictures, catalogCache),
    ...cartHandlers(db),
    ...orderHandlers(shop),
    ...guestOrderHandlers(shop),
    ...invoiceHandlers(db),
    ...paymentProofHandlers(db, storage, shop.orderMailer, {
      pictures,
      perHour: config.uploads.paymentProofsPerHour,
    }),
    ...refundOwedHandlers(db),
    ...supportHandlers(db, config.publicUrl),
    ...claimHandlers(db, config.publicUrl, { storage, pictures }, shop.paymentPolicy),
    ...stockAlertHandlers(db, config.publicUrl),
    ...wishlistHandlers(db),
    ...notificationHandlers(db),
    ...pcBuilderHandlers(db),
    ...inventoryHandlers(db, shop.orderMailer),
    ...preOrderHandlers(shop),
    ...stockListHandlers(db),
    ...peopleHandlers(db, config.publicUrl),
    ...syncHandlers(db),
    ...deviceHandlers(db),
    ...pushHandlers(db),
    ...counterKhqrHandlers(db, shop.paymentPolicy),
    ...adminOrderHandlers(db),
    ...reconciliationHandlers(db),
    ...customerHandlers(db),
    ...adminSettingHandlers(shop),
    ...auditHandlers(db),
    ...reportHandlers(db, shop.observability.health),
    ...promotionHandlers(db),
  };
  const cookies = { secure };
  const api = express.Router();
  // No body parser in front of the routes: each route reads its own body, after its access check (routes.ts).
  api.use(issueCsrfToken(cookies));
  // A stream, not a JSON answer: beside the route table, with the same device token (sync/nudge.ts).
  api.get('/sync/events', shop.changeNudge.handle);
  // The same for a signed-in person's notifications (notifications/events.ts), by session cookie or bearer token.
  api.get('/notifications/events', shop.notificationStream.handle);
  mountRoutes(api, handlers, {
    authenticate: (req) => authenticateRequest(db, req),
    authenticateCounter: (req) => authenticateCounter(db, req),
    cookies,
    validateResponses: config.env !== 'production',
    uploads: createUploadReceiver(config.uploads),
    cacheHeader: config.env !== 'production',
    bodies: {
      budget: createBodyBudget({
        readers: config.limits.bodyReaders,
        bytes: config.limits.bodyMemoryBytes,
        waitMs: config.limits.bodyWaitMs,
      }),
      timeoutMs: config.limits.bodyTimeoutMs,
    },
  });
  let openApi: object | undefined;
  api.get('/openapi.json', (_req, res) => {
    openApi ??= buildOpenApiDocument(config.publicUrl);
    res.json(openApi);
  });
  api.use(apiNotFound);
  app.use('/api/v1', api);
  app.use('/api', apiNotFound);

  // For Prometheus, outside the API: a bearer token of its own (METRICS_TOKEN), no session, no CSRF.
  app.get(
    '/metrics',
    metricsHandler(shop.observability.registry, shop.observability.health, config.metricsToken),
  );
  app.use('/files', serveFiles(storage));
  serveWebshop(app, config.webshopDir, createStorefront(db, config.publicUrl, { handlers }));
  app.use(errorHandler);
  return app;
}
