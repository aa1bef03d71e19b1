import type { Db } from '../db/database';
import type { Logger } from '../logger';
import { demoBrands, demoCategories, demoProducts } from './demo-catalog';
import { importCategoriesAndBrands, importProducts, writeProductImage } from './import-catalog';

const DAY_MS = 24 * 60 * 60 * 1000;

/** On the first start of an empty database: the demo computer-shop catalog with pictures and stock. */
export async function seedDemoShop(db: Db, dataDir: string, logger: Logger): Promise<boolean> {
  const existing = await db.selectFrom('categories').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
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
  return true;
}
