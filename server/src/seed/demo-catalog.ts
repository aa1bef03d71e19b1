import { z } from 'zod';
import { checkSpecs, specKindSchema, specsSchema } from '@shop/shared';
import type { DemoBrand, DemoCategory, DemoProduct } from './catalog-types';
import demoCatalogJson from './demo-catalog.json' with { type: 'json' };

/**
 * Demo catalog of a computer shop in Phnom Penh: categories (with Khmer names), brands and ~280 products with
 * realistic specs and USD prices in cents, kept as data in demo-catalog.json. Imported as a module (not read from
 * disk), so it travels with the code whatever runs or bundles it. Barcodes and opening stock are derived from each
 * product's position, so every run produces the same catalog.
 */

const slugPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const categorySchema = z.strictObject({
  slug: z.string().regex(slugPattern),
  name: z.string().min(1),
  nameKm: z.string().regex(/[\u1780-\u17FF]/, 'a Khmer name'),
  specKind: specKindSchema,
  /** Slug of the parent category, listed before it. */
  parent: z.string().optional(),
});

const brandSchema = z.strictObject({ slug: z.string().regex(slugPattern), name: z.string().min(1) });

const productSchema = z.strictObject({
  sku: z
    .string()
    .regex(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/)
    .max(40),
  name: z.string().min(1),
  category: z.string(),
  brand: z.string(),
  priceCents: z.number().int().positive(),
  compareAtCents: z.number().int().positive().optional(),
  warrantyMonths: z.number().int().positive(),
  serialized: z.boolean(),
  specs: specsSchema,
  description: z.string().min(1),
  /** Short and plain: what a buyer in Phnom Penh reads on the Khmer page. */
  descriptionKm: z.string().min(1),
});

const demoCatalogSchema = z
  .strictObject({
    categories: z.array(categorySchema),
    brands: z.array(brandSchema),
    products: z.array(productSchema),
  })
  .superRefine((catalog, ctx) => {
    const kinds = new Map<string, DemoCategory['specKind']>();
    for (const [i, category] of catalog.categories.entries()) {
      if (kinds.has(category.slug))
        ctx.addIssue({ code: 'custom', path: ['categories', i, 'slug'], message: 'used twice' });
      if (category.parent !== undefined && !kinds.has(category.parent))
        ctx.addIssue({
          code: 'custom',
          path: ['categories', i, 'parent'],
          message: `no category "${category.parent}" listed before this one`,
        });
      kinds.set(category.slug, category.specKind);
    }
    const brands = new Set<string>();
    for (const [i, brand] of catalog.brands.entries()) {
      if (brands.has(brand.slug))
        ctx.addIssue({ code: 'custom', path: ['brands', i, 'slug'], message: 'used twice' });
      brands.add(brand.slug);
    }
    const skus = new Set<string>();
    for (const [i, product] of catalog.products.entries()) {
      const issue = (field: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: ['products', i, field], message });
      if (skus.has(product.sku)) issue('sku', 'used twice');
      skus.add(product.sku);
      if (!brands.has(product.brand)) issue('brand', `no brand "${product.brand}"`);
      if (product.compareAtCents !== undefined && product.compareAtCents <= product.priceCents)
        issue('compareAtCents', 'must be more than priceCents');
      const kind = kinds.get(product.category);
      if (!kind) issue('category', `no category "${product.category}"`);
      else
        for (const [key, problem] of Object.entries(checkSpecs(kind, product.specs)))
          issue('specs', `${key}: ${problem}`);
    }
  });

export interface DemoCatalog {
  categories: DemoCategory[];
  brands: DemoBrand[];
  products: DemoProduct[];
}

/**
 * Checks the catalog data and completes it with barcodes and opening stock. Throws an error naming every bad entry,
 * e.g. `demo-catalog.json: products[12] (CPU-INT-14400F) specs: socket: must be a text`.
 */
export function parseDemoCatalog(data: unknown, source = 'demo-catalog.json'): DemoCatalog {
  const parsed = demoCatalogSchema.safeParse(data);
  if (!parsed.success) {
    const lines = parsed.error.issues.map(
      (issue) => `${source}: ${where(data, issue.path)}: ${issue.message}`,
    );
    throw new Error(`the demo catalog is not valid:\n${lines.join('\n')}`);
  }
  const { categories, brands, products } = parsed.data;
  return {
    categories,
    brands,
    products: products.map(({ compareAtCents, ...product }, index) => ({
      sku: product.sku,
      name: product.name,
      category: product.category,
      brand: product.brand,
      priceCents: product.priceCents,
      warrantyMonths: product.warrantyMonths,
      serialized: product.serialized,
      description: product.description,
      descriptionKm: product.descriptionKm,
      specs: product.specs,
      ...(compareAtCents === undefined ? {} : { compareAtCents }),
      barcode: barcodeFor(index),
      stock: stockFor(index),
    })),
  };
}

/** "products[12] (CPU-INT-14400F) specs": the entry by position and by the sku or slug a person searches for. */
function where(data: unknown, path: readonly PropertyKey[]): string {
  const [section, index, ...rest] = path;
  if (typeof section !== 'string') return '(the file)';
  if (typeof index !== 'number') return [section, ...rest.map(String)].join(' ');
  const entry: unknown = (data as Record<string, unknown[] | undefined>)[section]?.[index];
  const record = typeof entry === 'object' && entry !== null ? (entry as Record<string, unknown>) : {};
  const name = typeof record.sku === 'string' ? record.sku : record.slug;
  const label = `${section}[${index}]${typeof name === 'string' ? ` (${name})` : ''}`;
  return [label, ...rest.map(String)].join(' ');
}

/** EAN-13 check digit for a 12-digit base. */
function ean13CheckDigit(base12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(base12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

function barcodeFor(index: number): string {
  const base = '885' + String(index + 1).padStart(9, '0');
  return base + String(ean13CheckDigit(base));
}

/** Deterministic stock: every 10th product sold out, every 10th low (1–3), the rest 4–40. */
function stockFor(index: number): number {
  const r = index % 10;
  if (r === 3) return 0;
  if (r === 7) return 1 + (index % 3);
  return 4 + ((index * 17 + 5) % 37);
}

const demoCatalog = parseDemoCatalog(demoCatalogJson);
export const demoCategories: DemoCategory[] = demoCatalog.categories;
export const demoBrands: DemoBrand[] = demoCatalog.brands;
export const demoProducts: DemoProduct[] = demoCatalog.products;
