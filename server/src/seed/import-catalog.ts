import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/database';
import { newId } from '../db/ids';
import { inTransaction } from '../db/transaction';
import { insertProducts, nameSortKey, type IndexedProduct } from '../modules/catalog/product-writer';
import { slugify } from '../modules/catalog/slugs';
import { recordChanges } from '../modules/sync/change-log';
import { insertBrand, insertCategory } from './catalog-repo';
import type { DemoBrand, DemoCategory, DemoProduct } from './catalog-types';
import { productImageSvg, svgFileName } from './product-image';

const PRODUCTS_PER_TRANSACTION = 500;

export interface CatalogRefs {
  categories: Map<string, { id: string; names: string[]; specKind: DemoCategory['specKind'] }>;
  brands: Map<string, { id: string; name: string }>;
}

/** Writes categories and brands (new database) and returns their ids by slug. */
export async function importCategoriesAndBrands(
  db: Db,
  categories: DemoCategory[],
  brands: DemoBrand[],
): Promise<CatalogRefs> {
  const refs: CatalogRefs = { categories: new Map(), brands: new Map() };
  const now = Date.now();
  await inTransaction(db, async (tx) => {
    for (const [position, category] of categories.entries()) {
      const id = newId();
      const parent = category.parent ? refs.categories.get(category.parent) : undefined;
      if (category.parent && !parent)
        throw new Error(`category ${category.slug}: parent ${category.parent} must come first`);
      await insertCategory(tx, {
        id,
        slug: category.slug,
        name: category.name,
        name_km: category.nameKm,
        parent_id: parent?.id ?? null,
        spec_kind: category.specKind,
        position,
        created_at: now,
        updated_at: now,
      });
      refs.categories.set(category.slug, {
        id,
        names: [category.name, category.nameKm, ...(parent?.names ?? [])],
        specKind: category.specKind,
      });
    }
    for (const brand of brands) {
      const id = newId();
      await insertBrand(tx, { id, slug: brand.slug, name: brand.name, created_at: now, updated_at: now });
      refs.brands.set(brand.slug, { id, name: brand.name });
    }
    await recordChanges(tx, [
      ...[...refs.categories.values()].map((c) => ({
        entity: 'category' as const,
        entityId: c.id,
        operation: 'upsert' as const,
      })),
      ...[...refs.brands.values()].map((b) => ({
        entity: 'brand' as const,
        entityId: b.id,
        operation: 'upsert' as const,
      })),
    ]);
  });
  return refs;
}

export interface ProductToImport extends DemoProduct {
  slug?: string;
  /** Image file under files/products, shared by variants of one product in the benchmark catalog. */
  imageFile: string;
  createdAt: number;
}

/** Inserts products with opening stock (serial numbers made up for serialized ones), in batches. */
export async function importProducts(db: Db, refs: CatalogRefs, products: ProductToImport[]): Promise<void> {
  for (let i = 0; i < products.length; i += PRODUCTS_PER_TRANSACTION) {
    const batch = products.slice(i, i + PRODUCTS_PER_TRANSACTION).map((p) => toIndexedProduct(refs, p));
    await inTransaction(db, (tx) => insertProducts(tx, batch));
  }
}

function toIndexedProduct(refs: CatalogRefs, p: ProductToImport): IndexedProduct {
  const category = refs.categories.get(p.category);
  const brand = refs.brands.get(p.brand);
  if (!category || !brand)
    throw new Error(`product ${p.sku}: unknown category ${p.category} or brand ${p.brand}`);
  return {
    row: {
      id: newId(),
      sku: p.sku,
      barcode: p.barcode || null,
      slug: p.slug ?? slugify(p.name, p.sku),
      name: p.name,
      name_sort: nameSortKey(p.name),
      description: p.description,
      description_km: p.descriptionKm ?? null,
      category_id: category.id,
      brand_id: brand.id,
      price_cents: p.priceCents,
      compare_at_cents: p.compareAtCents ?? null,
      warranty_months: p.warrantyMonths,
      specs_json: JSON.stringify(p.specs),
      images_json: JSON.stringify([{ url: `/files/products/${p.imageFile}`, alt: p.name }]),
      serialized: p.serialized ? 1 : 0,
      active: 1,
      low_stock_threshold: 3,
      created_at: p.createdAt,
      updated_at: p.createdAt,
    },
    brandName: brand.name,
    categoryNames: category.names,
    specKind: category.specKind,
    openingStock: {
      quantity: p.stock,
      serials: p.serialized ? Array.from({ length: p.stock }, (_, n) => demoSerial(p.sku, n)) : [],
    },
  };
}

function demoSerial(sku: string, n: number): string {
  const letters = sku
    .replace(/[^A-Z0-9]/gi, '')
    .toUpperCase()
    .slice(-6);
  return `SN${letters}${String(n + 1).padStart(5, '0')}`;
}

/** Writes the product's generated picture under <dataDir>/files/products and returns its file name. */
export function writeProductImage(dataDir: string, product: DemoProduct, brandName: string): string {
  const dir = path.join(dataDir, 'files', 'products');
  fs.mkdirSync(dir, { recursive: true });
  const file = svgFileName(product.sku);
  const svg = productImageSvg({
    name: product.name,
    brand: brandName,
    category: product.category,
    sku: product.sku,
  });
  fs.writeFileSync(path.join(dir, file), svg);
  return file;
}
