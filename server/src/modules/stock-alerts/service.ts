import { asLocale, type StockAlertInput } from '@shop/shared';
import type { Db } from '../../db/database';
import { isUniqueViolation } from '../../db/errors';
import { newId } from '../../db/ids';
import type { Tx } from '../../db/transaction';
import { NotFound } from '../../http/errors';
import { enqueueMail } from '../../mail/outbox';
import { enforceLimits, limits } from '../accounts/rate-limit';
import { findSellableProduct, insertStockAlert, markAlertMailed, waitingAlertsOf } from './repo';

/**
 * Back-in-stock alerts (issue 15). Anyone may leave an address on a product: the answer never says whether the
 * address has an account or an alert already, the mail carries only the shop's words (the product's name and page),
 * and a network and an address ask only so many times an hour. A receipt that brings units on sale mails the
 * waiting alerts once, in its own transaction (through the outbox).
 */
const ACCEPTED = 'We will email you once when this product is back in stock.';
/** Mailed per receipt; the rest wait for the next one (a product rarely has more). */
const MAILS_PER_RECEIPT = 500;

export async function askForStockAlert(
  db: Db,
  input: StockAlertInput & { productId: string; ip: string | null; publicUrl: string },
) {
  await enforceLimits(db, [
    limits.stockAlertPerIp(input.ip ?? 'unknown'),
    limits.stockAlertPerEmail(input.email),
  ]);
  const product = await findSellableProduct(db, input.productId);
  if (!product) throw new NotFound('There is no such product');
  try {
    await insertStockAlert(db, {
      id: newId(),
      product_id: product.id,
      email: input.email,
      open_key: `${product.id}:${input.email}`,
      locale: input.locale ?? 'en',
      product_url: `${input.publicUrl.replace(/\/+$/, '')}/products/${encodeURIComponent(product.slug)}`,
      created_at: Date.now(),
      mailed_at: null,
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error; // already waiting: the same answer
  }
  return { status: 'accepted' as const, message: ACCEPTED };
}

/** Units of the product are on sale again: each waiting alert is mailed, once. */
export async function mailStockAlerts(tx: Tx, productId: string, now = Date.now()): Promise<void> {
  for (const alert of await waitingAlertsOf(tx, productId, MAILS_PER_RECEIPT)) {
    if (!(await markAlertMailed(tx, alert.id, now))) continue;
    await enqueueMail(tx, {
      to: alert.email,
      locale: asLocale(alert.locale),
      template: 'back-in-stock',
      data: { productName: alert.name, productUrl: alert.product_url },
    });
  }
}
