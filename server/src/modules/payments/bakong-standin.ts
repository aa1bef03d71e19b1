import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express';
import { BAKONG_STANDIN_TOKEN, type BakongConfig } from '../../config';
import { decimalToMinor, decodeKhqr, isValidKhqr, khqrMd5, minorToDecimal, type KhqrCurrency } from './khqr';

/**
 * A stand-in for the Bakong Open API: the same endpoints and JSON, answering from memory, for development and
 * tests where the real API cannot be reached (it only answers callers in Cambodia, with a merchant's token). Its
 * /dev endpoints play the customer's bank app (pay a QR, maybe the wrong amount) and the network (outages).
 * It stands in for an outside service: the shop's own payment state lives in the database, never here.
 */

export const BAKONG_STANDIN_PATH = '/bakong-standin';

export type StandinFailureMode = 'none' | '401' | '403' | '500' | '504' | 'timeout';
const FAILURE_MODES: readonly StandinFailureMode[] = ['none', '401', '403', '500', '504', 'timeout'];

/** A payment as Bakong reports it (`amount` in major units, as its JSON has it), plus the md5 it was made for. */
export interface StandinTransaction {
  md5: string;
  hash: string;
  fromAccountId: string;
  toAccountId: string;
  currency: KhqrCurrency;
  amount: number;
  amountMinor: number;
  description: string;
  createdDateMs: number;
  acknowledgedDateMs: number;
  externalRef: string;
  billNumber: string | null;
}

export interface MarkPaidInput {
  qr: string;
  /** What the customer paid, if not the QR's amount (USD cents or riel): to simulate a wrong amount. */
  amountMinor?: number;
  /** The currency paid, if not the QR's: a wallet may settle a USD QR from a KHR balance. */
  currency?: KhqrCurrency;
  fromAccountId?: string;
  /** A bank app refuses an expired QR; tests of late payments may insist. */
  allowExpired?: boolean;
}

export class StandinPaymentError extends Error {
  override name = 'StandinPaymentError';
  constructor(
    message: string,
    readonly status: 400 | 409,
  ) {
    super(message);
  }
}

export interface BakongStandin {
  router: express.Router;
  markPaid(input: MarkPaidInput): StandinTransaction;
  setFailure(mode: StandinFailureMode): void;
  transactions(): StandinTransaction[];
  /** Forgets every payment, ends any outage and answers requests held by 'timeout'. */
  reset(): void;
}

/** How long 'timeout' holds a request before answering 504, unless reset first. */
const HOLD_MS = 30_000;

export function createBakongStandin(
  /**
   * The token it accepts, or where to read it at each request: the shop's own stand-in accepts the token the shop
   * uses now, so one an admin enters in the back office works at once, as it would with Bakong.
   */
  options: { token?: string | (() => Promise<string>) } = {},
): BakongStandin {
  if (process.env.NODE_ENV === 'production')
    throw new Error('The Bakong stand-in must never run in production');
  const currentToken = async () =>
    typeof options.token === 'function' ? await options.token() : (options.token ?? BAKONG_STANDIN_TOKEN);
  const paid = new Map<string, StandinTransaction>();
  const held = new Set<{ res: Response; timer: NodeJS.Timeout }>();
  let failure: StandinFailureMode = 'none';

  function release(): void {
    for (const hold of held) {
      clearTimeout(hold.timer);
      gatewayTimeout(hold.res);
    }
    held.clear();
  }

  function setFailure(mode: StandinFailureMode): void {
    if (!FAILURE_MODES.includes(mode)) throw new TypeError(`unknown failure mode ${String(mode)}`);
    failure = mode;
    if (mode !== 'timeout') release();
  }

  function markPaid(input: MarkPaidInput): StandinTransaction {
    if (!isValidKhqr(input.qr)) throw new StandinPaymentError('qr: not a valid KHQR (structure or CRC)', 400);
    const qr = decodeKhqr(input.qr);
    const md5 = khqrMd5(input.qr);
    if (qr.dynamic && qr.expiresAt < Date.now() && !input.allowExpired)
      throw new StandinPaymentError(`qr: expired at ${new Date(qr.expiresAt).toISOString()}`, 400);
    if (paid.has(md5)) throw new StandinPaymentError('qr: already paid', 409);
    const currency = input.currency ?? qr.currency;
    // The QR's amount only stands when paid in the QR's currency.
    const amountMinor = input.amountMinor ?? (currency === qr.currency ? qr.amountMinor : null);
    if (amountMinor === null)
      throw new StandinPaymentError(`amount: say how much ${currency} is paid for this QR`, 400);
    if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0)
      throw new StandinPaymentError('amount: must be a positive amount', 400);
    const now = Date.now();
    const transaction: StandinTransaction = {
      md5,
      hash: randomBytes(32).toString('hex'),
      fromAccountId: input.fromAccountId ?? 'customer@abaa',
      toAccountId: qr.accountId,
      currency,
      amount: Number(minorToDecimal(amountMinor, currency)),
      amountMinor,
      description: '',
      createdDateMs: now,
      acknowledgedDateMs: now,
      externalRef: `100FT${randomInt(10 ** 9, 10 ** 10)}`,
      billNumber: qr.billNumber,
    };
    paid.set(md5, transaction);
    return transaction;
  }

  /** Outages first (a block or a busy gateway answers before any token is looked at), then the token. */
  const network: RequestHandler = (_req, res, next) => {
    if (failure === 'none') return next();
    if (failure === 'timeout') {
      const hold = {
        res,
        timer: setTimeout(() => held.delete(hold) && gatewayTimeout(res), HOLD_MS).unref(),
      };
      held.add(hold);
      res.on('close', () => {
        clearTimeout(hold.timer);
        held.delete(hold);
      });
      return;
    }
    if (failure === '401') return unauthorized(res);
    if (failure === '403') return res.status(403).type('html').send('<html><h1>403 Forbidden</h1></html>');
    if (failure === '500') return res.status(500).json(envelope(1, 'Internal server error', null, null));
    return gatewayTimeout(res);
  };

  const authorized: RequestHandler = (req, res, next) => {
    const header = req.get('authorization') ?? '';
    const token = header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    currentToken().then(
      (expected) => {
        if (token && expected && timingSafeEqual(digest(token), digest(expected))) return next();
        return unauthorized(res);
      },
      (error: unknown) => next(error),
    );
  };

  const api = express.Router();
  api.use(network);

  api.post('/check_transaction_by_md5', authorized, (req, res) => {
    const md5 = (req.body as { md5?: unknown } | undefined)?.md5;
    if (typeof md5 !== 'string' || md5 === '') return res.json(missingFields());
    const transaction = paid.get(md5.toLowerCase());
    if (!transaction) return res.json(notFound());
    return res.json(envelope(0, 'Getting transaction successfully.', null, bakongTransaction(transaction)));
  });

  api.post('/check_transaction_by_md5_list', authorized, (req, res) => {
    const md5s: unknown = req.body;
    if (!Array.isArray(md5s) || md5s.length === 0 || !md5s.every((md5) => typeof md5 === 'string'))
      return res.json(missingFields());
    if (md5s.length > 50) return res.json(envelope(1, 'The md5 list must not exceed 50 items', 5, null));
    const items = (md5s as string[]).map((md5) => {
      const transaction = paid.get(md5.toLowerCase());
      return transaction
        ? { md5, status: 'SUCCESS', message: 'Transaction found', data: bakongTransaction(transaction) }
        : { md5, status: 'NOT_FOUND', message: 'Transaction could not be found', data: null };
    });
    return res.json(envelope(0, 'Getting transactions successfully.', null, items));
  });

  // The real endpoint needs no token (NBC's SDK calls it without one); ours accepts one.
  api.post('/generate_deeplink_by_qr', (req, res) => {
    const body = (req.body ?? {}) as { qr?: unknown; sourceInfo?: Record<string, unknown> };
    if (!isValidKhqr(body.qr)) return res.json(envelope(1, 'KHQR is invalid', 5, null));
    const source = body.sourceInfo;
    if (
      source !== undefined &&
      !['appIconUrl', 'appName', 'appDeepLinkCallback'].every((key) => typeof source?.[key] === 'string')
    )
      return res.json(missingFields());
    const shortLink = `https://bakong.page.link/${createHash('sha256').update(body.qr).digest('base64url').slice(0, 16)}`;
    return res.json(envelope(0, 'Getting Deep Link successfully.', null, { shortLink }));
  });

  api.post('/renew_token', (req, res, next) => {
    const email = (req.body as { email?: unknown } | undefined)?.email;
    if (typeof email !== 'string' || !email.includes('@')) return res.json(missingFields());
    currentToken().then(
      (token) => res.json(envelope(0, 'Token has been issued', null, { token })),
      (error: unknown) => next(error),
    );
  });

  const dev = express.Router();
  dev.post('/pay', (req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (typeof body.qr !== 'string') return devError(res, 400, 'qr: required');
    const qr = body.qr;
    const currency = body.currency;
    if (currency !== undefined && currency !== 'USD' && currency !== 'KHR')
      return devError(res, 400, "currency: 'USD' or 'KHR'");
    let amountMinor: number | undefined;
    if (body.amount !== undefined) {
      const paidIn = currency ?? (isValidKhqr(qr) ? decodeKhqr(qr).currency : 'USD');
      amountMinor =
        typeof body.amount === 'number' || typeof body.amount === 'string'
          ? decimalToMinor(body.amount, paidIn)
          : undefined;
      if (amountMinor === undefined)
        return devError(res, 400, `amount: a decimal ${paidIn} amount in major units, e.g. 12.5`);
    }
    if (body.fromAccountId !== undefined && typeof body.fromAccountId !== 'string')
      return devError(res, 400, 'fromAccountId: text like name@bank');
    try {
      const transaction = markPaid({
        qr,
        amountMinor,
        currency,
        fromAccountId: body.fromAccountId,
        allowExpired: body.allowExpired === true,
      });
      return res.json({ md5: transaction.md5, hash: transaction.hash });
    } catch (error) {
      if (error instanceof StandinPaymentError) return devError(res, error.status, error.message);
      throw error;
    }
  });
  dev.post('/failure', (req, res) => {
    const mode = (req.body as { mode?: unknown } | undefined)?.mode;
    if (!FAILURE_MODES.includes(mode as StandinFailureMode))
      return devError(res, 400, `mode: one of ${FAILURE_MODES.join(', ')}`);
    setFailure(mode as StandinFailureMode);
    return res.json({ mode });
  });
  dev.get('/transactions', (_req, res) => res.json({ transactions: [...paid.values()] }));
  dev.post('/reset', (_req, res) => {
    reset();
    res.status(204).end();
  });

  function reset(): void {
    paid.clear();
    setFailure('none');
  }

  const router = express.Router();
  router.use(express.json({ limit: '256kb' }));
  router.use('/v1', api);
  router.use('/dev', dev);
  router.use((_req, res) => {
    res.status(404).json(envelope(1, 'Not found', null, null));
  });
  const badBody: ErrorRequestHandler = (error: unknown, _req, res, next) => {
    if (res.headersSent) return next(error);
    const type = (error as { type?: string }).type;
    if (type?.startsWith('entity.')) return res.status(400).json(envelope(1, 'Bad request', 5, null));
    return next(error);
  };
  router.use(badBody);

  return { router, markPaid, setFailure, transactions: () => [...paid.values()], reset };
}

/** The stand-in on its own loopback port (tests, or one stand-in shared by several shop processes). */
export async function startBakongStandinServer(
  options: { port?: number; token?: string } = {},
): Promise<{ url: string; stop(): Promise<void>; standin: BakongStandin }> {
  const standin = createBakongStandin({ token: options.token });
  const app = express();
  app.disable('x-powered-by');
  app.use(standin.router);
  const server = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let stopping: Promise<void> | undefined;
  return {
    url: `http://127.0.0.1:${port}`,
    standin,
    stop: () =>
      (stopping ??= new Promise<void>((resolve) => {
        standin.reset();
        server.close(() => resolve());
        server.closeAllConnections();
      })),
  };
}

/**
 * The address the shop asks Bakong at: BAKONG_API_URL, or with the built-in stand-in the shop's own listening
 * address (`RunningServer.url`; PUBLIC_URL may not be reachable from the server itself, e.g. behind a proxy).
 */
export function bakongBaseUrl(bakong: Pick<BakongConfig, 'baseUrl'>, serverUrl: string): string {
  if (bakong.baseUrl) return bakong.baseUrl;
  const url = new URL(serverUrl);
  // Listening on every interface: reach ourselves over loopback.
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  return `${url.origin}${BAKONG_STANDIN_PATH}`;
}

function envelope(responseCode: 0 | 1, responseMessage: string, errorCode: number | null, data: unknown) {
  return { responseCode, responseMessage, errorCode, data };
}

function notFound() {
  return envelope(1, 'Transaction could not be found. Please check and try again.', 1, null);
}

function missingFields() {
  return envelope(1, 'Missing required fields', 5, null);
}

function unauthorized(res: Response): void {
  res.status(401).json(envelope(1, 'Unauthorized', 6, null));
}

function gatewayTimeout(res: Response): void {
  if (res.headersSent || res.destroyed) return;
  res.status(504).type('html').send('<html><h1>504 Gateway Time-out</h1></html>');
}

function devError(res: Response, status: number, message: string): void {
  res.status(status).json({ error: { code: status === 409 ? 'conflict' : 'invalid', message } });
}

function bakongTransaction(t: StandinTransaction) {
  return {
    hash: t.hash,
    fromAccountId: t.fromAccountId,
    toAccountId: t.toAccountId,
    currency: t.currency,
    amount: t.amount,
    description: t.description,
    createdDateMs: t.createdDateMs,
    acknowledgedDateMs: t.acknowledgedDateMs,
    trackingStatus: null,
    receiverBank: null,
    receiverBankAccount: null,
    instructionRef: null,
    externalRef: t.externalRef,
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}
