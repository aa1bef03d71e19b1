import { z } from 'zod';
import { decimalToMinor, type KhqrCurrency } from './khqr';

/**
 * The Bakong Open API, asked whether a KHQR was paid. The rule that matters: only Bakong's explicit "transaction
 * not found" means not (yet) paid. A rejected token, a block, an outage, a timeout or an answer we cannot read is
 * `unknown`: the payment stays open and is asked about again, never treated as unpaid.
 */

export interface BakongTransaction {
  hash: string;
  fromAccountId: string;
  toAccountId: string;
  currency: KhqrCurrency;
  /** USD cents or whole riel. */
  amountMinor: number;
  description: string | null;
  /** When the payer sent it (epoch ms): compare with the QR's expiry. */
  createdAt: number;
  /** When Bakong recorded it, possibly later. */
  acknowledgedAt: number | null;
  externalRef: string | null;
}

export type BakongUnknownReason = 'unauthorized' | 'forbidden' | 'unavailable' | 'timeout' | 'bad_response';

export type BakongCheck =
  | { state: 'paid'; transaction: BakongTransaction }
  | { state: 'not_found' }
  | {
      state: 'unknown';
      reason: BakongUnknownReason;
      httpStatus?: number;
      /** Bakong's errorCode and message when it gave one (e.g. 3 "Transaction failed"), for the log. */
      errorCode?: number;
      message?: string;
    };

export type BakongUnknown = Extract<BakongCheck, { state: 'unknown' }>;

export interface DeeplinkSourceInfo {
  appIconUrl: string;
  appName: string;
  appDeepLinkCallback: string;
}

export interface BakongClient {
  checkByMd5(md5: string): Promise<BakongCheck>;
  /** One answer per distinct md5 asked, keyed in lower case (any number: asked 50 at a time). */
  checkByMd5List(md5s: readonly string[]): Promise<Map<string, BakongCheck>>;
  /** A link that opens the customer's bank app on this QR; null when Bakong did not give one. */
  generateDeeplink(qr: string, sourceInfo: DeeplinkSourceInfo): Promise<string | null>;
}

export interface BakongClientOptions {
  /** e.g. https://api-bakong.nbc.gov.kh, or a stand-in's address. */
  baseUrl: string;
  /**
   * The merchant's Bakong Open API token (a secret: it is sent, never logged), or where to read it at each request:
   * a token an admin renews in the back office is used from the next request on (settings/bakong-token.ts).
   */
  token: string | (() => Promise<string>);
  /** Per request, including reading the answer. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export const MD5_LIST_LIMIT = 50;

const MD5 = /^[0-9a-f]{32}$/i;

const envelope = z.object({
  responseCode: z.number(),
  responseMessage: z.string().nullish(),
  errorCode: z.number().nullish(),
  data: z.unknown(),
});
type Envelope = z.infer<typeof envelope>;

const transactionData = z.object({
  hash: z.string().min(1),
  fromAccountId: z.string(),
  toAccountId: z.string(),
  currency: z.enum(['USD', 'KHR']),
  amount: z.union([z.number(), z.string()]),
  description: z.string().nullish(),
  createdDateMs: z.number(),
  acknowledgedDateMs: z.number().nullish(),
  externalRef: z.string().nullish(),
});

const listItem = z.object({
  md5: z.string(),
  status: z.string(),
  message: z.string().nullish(),
  data: z.unknown(),
});

export function createBakongClient(options: BakongClientOptions): BakongClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 8000;
  const doFetch = options.fetch ?? fetch;
  const { token } = options;
  const authorization = async () => `Bearer ${typeof token === 'string' ? token : await token()}`;

  /** One POST; the parsed envelope, or why there is none. */
  async function post(path: string, body: unknown): Promise<Envelope | BakongUnknown> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await doFetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: await authorization(),
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
      status = response.status;
      text = await response.text();
    } catch {
      return { state: 'unknown', reason: timedOut ? 'timeout' : 'unavailable' };
    } finally {
      clearTimeout(timer);
    }
    let parsed: Envelope | undefined;
    try {
      const result = envelope.safeParse(JSON.parse(text));
      if (result.success) parsed = result.data;
    } catch {
      parsed = undefined;
    }
    const detail = {
      httpStatus: status,
      ...(typeof parsed?.errorCode === 'number' && { errorCode: parsed.errorCode }),
      ...(parsed?.responseMessage && { message: parsed.responseMessage }),
    };
    if (status === 401 || parsed?.errorCode === 6)
      return { state: 'unknown', reason: 'unauthorized', ...detail };
    if (status === 403) return { state: 'unknown', reason: 'forbidden', ...detail };
    if (status === 429 || status >= 500) return { state: 'unknown', reason: 'unavailable', ...detail };
    if (status < 200 || status >= 300 || !parsed)
      return { state: 'unknown', reason: 'bad_response', ...detail };
    return parsed;
  }

  return {
    async checkByMd5(md5) {
      assertMd5(md5);
      const answer = await post('/v1/check_transaction_by_md5', { md5 });
      if ('state' in answer) return answer;
      if (answer.responseCode === 0) return paidOrBad(answer.data);
      if (answer.errorCode === 1) return { state: 'not_found' };
      return badResponse(answer.errorCode, answer.responseMessage);
    },

    async checkByMd5List(md5s) {
      const wanted = [...new Set(md5s.map((md5) => md5.toLowerCase()))];
      wanted.forEach(assertMd5);
      const results = new Map<string, BakongCheck>();
      for (let start = 0; start < wanted.length; start += MD5_LIST_LIMIT) {
        const chunk = wanted.slice(start, start + MD5_LIST_LIMIT);
        const answer = await post('/v1/check_transaction_by_md5_list', chunk);
        if ('state' in answer) {
          for (const md5 of chunk) results.set(md5, answer);
          continue;
        }
        const checks = listChecks(answer);
        // A refused or unreadable list, or an md5 missing from it: unknown, never "not found".
        const fallback = checks
          ? badResponse(undefined, 'md5 missing from the answer')
          : badResponse(answer.errorCode, answer.responseMessage);
        for (const md5 of chunk) results.set(md5, checks?.get(md5) ?? fallback);
      }
      return results;
    },

    async generateDeeplink(qr, sourceInfo) {
      const answer = await post('/v1/generate_deeplink_by_qr', { qr, sourceInfo });
      if ('state' in answer || answer.responseCode !== 0) return null;
      const link = z.object({ shortLink: z.url() }).safeParse(answer.data);
      return link.success ? link.data.shortLink : null;
    },
  };
}

function assertMd5(md5: string): void {
  if (!MD5.test(md5)) throw new TypeError(`not an md5: ${JSON.stringify(md5)}`);
}

function badResponse(
  errorCode: number | null | undefined,
  message: string | null | undefined,
): BakongUnknown {
  return {
    state: 'unknown',
    reason: 'bad_response',
    ...(typeof errorCode === 'number' && { errorCode }),
    ...(message && { message }),
  };
}

/** Each md5's answer in a list answer, or undefined when the list was refused or is unreadable. */
function listChecks(answer: Envelope): Map<string, BakongCheck> | undefined {
  const items = z.array(listItem).safeParse(answer.data);
  if (answer.responseCode !== 0 || !items.success) return undefined;
  return new Map(items.data.map((item) => [item.md5.toLowerCase(), listItemCheck(item)]));
}

function listItemCheck(item: z.infer<typeof listItem>): BakongCheck {
  if (item.status === 'SUCCESS') return paidOrBad(item.data);
  if (item.status === 'NOT_FOUND') return { state: 'not_found' };
  // STATIC_QR, FAILED or anything new: not a "no" we can act on.
  return badResponse(undefined, `${item.status}${item.message ? `: ${item.message}` : ''}`);
}

function paidOrBad(data: unknown): BakongCheck {
  const parsed = transactionData.safeParse(data);
  if (!parsed.success) return badResponse(undefined, 'transaction data unreadable');
  const t = parsed.data;
  const amountMinor = decimalToMinor(t.amount, t.currency, 'half-up');
  if (amountMinor === undefined) return badResponse(undefined, `transaction amount unreadable: ${t.amount}`);
  return {
    state: 'paid',
    transaction: {
      hash: t.hash,
      fromAccountId: t.fromAccountId,
      toAccountId: t.toAccountId,
      currency: t.currency,
      amountMinor,
      description: t.description || null,
      createdAt: t.createdDateMs,
      acknowledgedAt: t.acknowledgedDateMs ?? null,
      externalRef: t.externalRef || null,
    },
  };
}
