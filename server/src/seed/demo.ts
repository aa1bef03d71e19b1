import { randomBytes } from 'node:crypto';
import { addShopDays, shopDayOf } from '@shop/shared';
import type { Config } from '../config';
import type { Db } from '../db/database';
import { createActiveUser } from '../modules/accounts/users';
import type { Logger } from '../logger';
import { inTransaction } from '../db/transaction';
import {
  DEFAULT_SHOP_IDENTITY,
  getSetting,
  setSetting,
  SHOP_IDENTITY_KEY,
} from '../modules/settings/service';
import { DEMO_CONTACT } from '../modules/settings/shop-info';
import { systemActor } from '../modules/audit/audit';
import { findProductIdBySku } from '../modules/promotions/repo';
import { createCoupon, createPromotion } from '../modules/promotions/service';
import { hasAnyCategory } from './catalog-repo';
import { demoBrands, demoCategories, demoProducts } from './demo-catalog';
import { importCategoriesAndBrands, importProducts, writeProductImage } from './import-catalog';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * On the first start of an empty database: the demo computer-shop catalog with pictures and stock, and (never in
 * production) the demo staff accounts.
 */
export async function seedDemoShop(
  db: Db,
  config: Pick<Config, 'dataDir' | 'env'>,
  logger: Logger,
): Promise<boolean> {
  const { dataDir } = config;
  if (await hasAnyCategory(db)) return false;
  const refs = await importCategoriesAndBrands(db, demoCategories, demoBrands);
  const now = Date.now();
  await importProducts(
    db,
    refs,
    demoProducts.map((product, i) => ({
      ...product,
      imageFile: writeProductImage(dataDir, product, refs.brands.get(product.brand)?.name ?? product.brand),
      // Spread "arrival" dates over the last months so "newest" sorts like a real shop.
      createdAt: now - ((i * 7919) % 120) * DAY_MS - i * 1000,
    })),
  );
  logger.info({ products: demoProducts.length, categories: demoCategories.length }, 'demo catalog created');
  // Accounts whose passwords went through a log are not accounts a real shop may have.
  if (config.env === 'production')
    logger.warn(
      'SEED=demo in production: demo catalog only, no demo accounts. ' +
        "Create your admin with: npm run shop -- create-admin --email you@example.com --password '…'",
    );
  else {
    await createDemoAccounts(db, logger);
    await setDemoShopDetails(db);
  }
  // Live promotions and a coupon, so a shop tried out shows struck-through prices; not under tests, whose demo prices
  // must stay the catalog's.
  if (config.env === 'development') await seedDemoPromotions(db, refs.brands.get('msi')?.id);
  return true;
}

/** 10 % off one brand, a sale price on one GPU and a welcome coupon, for a month from today. */
async function seedDemoPromotions(db: Db, brandId: string | undefined): Promise<void> {
  const today = shopDayOf(Date.now());
  const month = { startsOn: today, endsOn: addShopDays(today, 30) };
  if (brandId)
    await createPromotion(db, systemActor, {
      kind: 'brand_off',
      name: 'MSI month: 10% off',
      brandId,
      percent: 10,
      amountCents: null,
      ...month,
    });
  const gpuId = await findProductIdBySku(db, 'GPU-ZOT-4060-TE');
  if (gpuId)
    await createPromotion(db, systemActor, {
      kind: 'sale_price',
      name: 'GPU deal of the month',
      productId: gpuId,
      salePriceCents: 27_900,
      ...month,
    });
  await createCoupon(db, systemActor, {
    code: 'WELCOME10',
    name: 'Welcome: 10% off',
    percent: 10,
    amountCents: null,
    minTotalCents: 5_000,
    maxUses: 1_000,
    maxUsesPerCustomer: 1,
    channels: ['web', 'pos'],
    ...month,
  });
}

/**
 * The demo shop's address, opening hours, phone and email, as a real shop's settings hold them, so the pickup mails,
 * the checkout and the contact page show a whole shop. Never in production: a real shop shows none rather than
 * someone else's (and never over details already set).
 */
async function setDemoShopDetails(db: Db): Promise<void> {
  await inTransaction(db, async (tx) => {
    if ((await getSetting(tx, SHOP_IDENTITY_KEY)) !== undefined) return;
    await setSetting(tx, SHOP_IDENTITY_KEY, {
      ...DEFAULT_SHOP_IDENTITY,
      supportEmail: DEMO_CONTACT.email,
      phone: DEMO_CONTACT.phone,
      address: DEMO_CONTACT.address,
      hours: DEMO_CONTACT.hours,
    });
  });
}

/**
 * A demo admin and a demo staff member with passwords made now and shown once in the log, so a person trying the
 * shop can open the back office; their sign-in codes arrive as mail (data/mail/*.eml without SMTP_URL).
 */
async function createDemoAccounts(db: Db, logger: Logger): Promise<void> {
  for (const role of ['admin', 'staff'] as const) {
    const email = `${role}@demo.computershop.local`;
    const password = randomBytes(12).toString('base64url');
    await createActiveUser(db, {
      email,
      password,
      name: role === 'admin' ? 'Demo admin' : 'Demo staff',
      role,
    });
    logger.warn(
      `Demo ${role} account: ${email} with password ${password} (shown only this once; change it after signing in)`,
    );
  }
}
