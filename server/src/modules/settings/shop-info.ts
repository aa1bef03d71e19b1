import { deliveryTerms, KHR_CASH_STEP, type ShopInfo } from '@shop/shared';
import type { Db } from '../../db/database';
import { coalescedReader } from '../../http/answer-cache';
import type { Handlers } from '../../http/routes';
import { feedHead } from '../sync/change-log';
import { KHQR_LIFETIME_MS } from '../payments/merchant';
import { getPricing } from './pricing';
import { getShopIdentity } from './service';

/**
 * What the web shop needs on every page (GET /shop): who the shop is, how it prices in riel, how long a payment QR
 * lasts, what delivery costs and takes in each province, and whether payments are simulated. Every page load asks, and admins change these
 * rarely: an answer is kept per process while the change feed's head stays the same. Both settings it reads are
 * counter settings, whose every change moves the head in its own transaction (settings/service.ts), so a change made
 * anywhere (the back office, `npm run shop -- set-…`, another process) shows from the next request on.
 */

/**
 * A demo shop (Bakong stand-in) shows made-up contact details until real ones are set, so its pages look as a
 * real shop's would. A real shop shows none rather than someone else's.
 */
export const DEMO_CONTACT = Object.freeze({
  phone: '+855 12 345 678',
  email: 'hello@demo.computershop.local',
  address: 'No. 215, Preah Monivong Blvd (St. 93), Sangkat Srah Chak, Khan Daun Penh, Phnom Penh',
  // One line for mails and pages in both languages: the setting holds one text.
  hours: 'Mon–Sat 8:00–18:00 · ច័ន្ទ–សៅរ៍ ៨:០០–១៨:០០',
});

export async function readShopInfo(db: Db, options: { demo: boolean }): Promise<ShopInfo> {
  const [identity, pricing] = await Promise.all([getShopIdentity(db), getPricing(db)]);
  const fallback = (value: string | null, demo: string) => value ?? (options.demo ? demo : null);
  return {
    name: identity.name,
    nameKm: identity.nameKm,
    logoUrl: identity.logoUrl,
    demo: options.demo,
    rielPerUsd: pricing.rielPerUsd,
    khrCashStep: KHR_CASH_STEP,
    paymentQrMinutes: Math.round(KHQR_LIFETIME_MS / 60_000),
    delivery: deliveryTerms(pricing),
    contact: {
      phone: fallback(identity.phone, DEMO_CONTACT.phone),
      email: fallback(identity.supportEmail, DEMO_CONTACT.email),
      address: fallback(identity.address, DEMO_CONTACT.address),
      hours: fallback(identity.hours, DEMO_CONTACT.hours),
    },
  };
}

export function shopInfoHandlers(db: Db, options: { demo: boolean }): Handlers<'getShopInfo'> {
  const readHead = coalescedReader(() => feedHead(db));
  let cached: { answer: Promise<ShopInfo>; head: number } | null = null;
  return {
    getShopInfo: async () => {
      const head = await readHead();
      if (!cached || cached.head !== head) {
        const answer = readShopInfo(db, options);
        cached = { answer, head };
        // A failed read is not kept: the next request tries again.
        answer.catch(() => {
          if (cached?.answer === answer) cached = null;
        });
      }
      return cached.answer;
    },
  };
}
