import type { BakongConfig } from '../../config';
import type { Db } from '../../db/database';
import { getShopIdentity } from '../settings/service';
import { createBakongClient, type BakongClient } from './bakong-client';
import { bakongBaseUrl } from './bakong-standin';
import type { OrderKhqrPayment } from './repo';

/**
 * Links that open the customer's bank app on a payment QR (Bakong's generate_deeplink_by_qr): on a phone the
 * customer cannot scan the QR on their own screen. A convenience only, as the QR works without it: a slow or
 * unreachable Bakong never holds up or fails the payment answer, which then has no link. A QR's link never
 * changes, so it is asked for once and kept in memory until the QR expires; a failed ask is tried again later.
 */
export interface PaymentDeeplinks {
  /** The link for a payable QR, or null when Bakong gives none within a moment. */
  linkFor(payment: Pick<OrderKhqrPayment, 'order_id' | 'qr' | 'md5' | 'expires_at'>): Promise<string | null>;
}

/** How long a payment answer waits for a link not known yet; the ask goes on, for the pay page's next poll. */
const WAIT_MS = 1_500;
const ASK_TIMEOUT_MS = 5_000;
const RETRY_AFTER_MS = 30_000;
const MAX_KEPT = 10_000;

export function createPaymentDeeplinks(deps: {
  db: Db;
  /** Null while Bakong's address is not known yet (see deeplinkBakong). */
  bakong: () => BakongClient | null;
  publicUrl: string;
  waitMs?: number;
}): PaymentDeeplinks {
  const base = deps.publicUrl.replace(/\/+$/, '');
  const kept = new Map<string, { link: string | null; until: number }>();
  const asking = new Map<string, Promise<string | null>>();

  async function ask(payment: Pick<OrderKhqrPayment, 'order_id' | 'qr'>): Promise<string | null> {
    const bakong = deps.bakong();
    if (!bakong) return null;
    const shop = await getShopIdentity(deps.db);
    return bakong.generateDeeplink(payment.qr, {
      appName: shop.name,
      appIconUrl: shop.logoUrl ?? `${base}/favicon.svg`,
      // Back from the bank app to the order's page, which shows the payment arriving.
      appDeepLinkCallback: `${base}/orders/${encodeURIComponent(payment.order_id)}`,
    });
  }

  function keep(md5: string, link: string | null, until: number): void {
    kept.delete(md5);
    kept.set(md5, { link, until });
    // Oldest first out: a Map iterates in insertion order.
    for (const old of kept.keys()) {
      if (kept.size <= MAX_KEPT) break;
      kept.delete(old);
    }
  }

  return {
    async linkFor(payment) {
      const known = kept.get(payment.md5);
      if (known && known.until > Date.now()) return known.link;
      let pending = asking.get(payment.md5);
      if (!pending) {
        pending = ask(payment)
          .catch(() => null)
          .then((link) => {
            keep(payment.md5, link, link ? Number(payment.expires_at) : Date.now() + RETRY_AFTER_MS);
            return link;
          })
          .finally(() => asking.delete(payment.md5));
        asking.set(payment.md5, pending);
      }
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<null>((resolve) => {
        timer = setTimeout(() => resolve(null), deps.waitMs ?? WAIT_MS);
      });
      try {
        return await Promise.race([pending, giveUp]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/**
 * The Bakong client deeplinks (and the health screen's probe) ask. With BAKONG_API_URL it is known at once. With the built-in stand-in,
 * Bakong is this very server, whose address (PORT may be 0) is known once it listens: `listeningAt` says it.
 */
export function deeplinkBakong(
  config: Pick<BakongConfig, 'baseUrl'>,
  token: () => Promise<string>,
  listeningAt: () => string | null,
  timeoutMs = ASK_TIMEOUT_MS,
): () => BakongClient | null {
  let client: BakongClient | null = null;
  const make = (baseUrl: string) => createBakongClient({ baseUrl, token, timeoutMs });
  if (config.baseUrl) client = make(config.baseUrl);
  return () => {
    const ownUrl = listeningAt();
    if (!client && ownUrl) client = make(bakongBaseUrl(config, ownUrl));
    return client;
  };
}
