import { describe, expect, it } from 'vitest';
import { checkSpecs, specKinds } from '@shop/shared';
import { demoBrands, demoCategories, demoProducts, parseDemoCatalog } from './demo-catalog';
import demoCatalogJson from './demo-catalog.json' with { type: 'json' };
import { productImageSvg, svgFileName } from './product-image';

const slugify = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

function validEan13(code: string): boolean {
  if (!/^\d{13}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(code[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(code[12]);
}

const categoryBySlug = new Map(demoCategories.map((c) => [c.slug, c]));
const brandBySlug = new Map(demoBrands.map((b) => [b.slug, b]));

/** The top-level category of a product's category ('gaming-laptops' → 'laptops'). */
function topLevel(slug: string): string {
  const category = categoryBySlug.get(slug);
  return category?.parent ?? slug;
}

describe('demo catalog', () => {
  it('has enough products and top-level categories', () => {
    expect(demoProducts.length).toBeGreaterThanOrEqual(200);
    expect(demoCategories.filter((c) => !c.parent).length).toBeGreaterThanOrEqual(13);
  });

  it('has the expected top-level categories and laptop sub-categories', () => {
    const expected: Record<string, string> = {
      cpus: 'cpu',
      motherboards: 'motherboard',
      memory: 'ram',
      ssds: 'ssd',
      'hard-drives': 'hdd',
      'graphics-cards': 'gpu',
      'power-supplies': 'psu',
      cases: 'case',
      monitors: 'monitor',
      laptops: 'laptop',
      'keyboards-mice': 'peripheral',
      networking: 'networking',
      accessories: 'accessory',
    };
    for (const [slug, kind] of Object.entries(expected)) {
      const category = categoryBySlug.get(slug);
      expect(category, slug).toBeDefined();
      expect(category?.parent, slug).toBeUndefined();
      expect(category?.specKind, slug).toBe(kind);
    }
    for (const slug of ['gaming-laptops', 'business-laptops']) {
      expect(categoryBySlug.get(slug)).toMatchObject({ parent: 'laptops', specKind: 'laptop' });
    }
    for (const category of demoCategories) {
      if (category.parent) expect(categoryBySlug.has(category.parent), category.slug).toBe(true);
    }
    expect(new Set(demoCategories.map((c) => c.slug)).size).toBe(demoCategories.length);
  });

  it('has at least 12 products per top-level category, none directly in laptops', () => {
    const counts = new Map<string, number>();
    for (const product of demoProducts) {
      const top = topLevel(product.category);
      counts.set(top, (counts.get(top) ?? 0) + 1);
    }
    for (const category of demoCategories.filter((c) => !c.parent)) {
      expect(counts.get(category.slug) ?? 0, category.slug).toBeGreaterThanOrEqual(12);
    }
    expect(demoProducts.filter((p) => p.category === 'laptops')).toEqual([]);
  });

  it('uses lower-case-dash brand slugs', () => {
    for (const brand of demoBrands) expect(brand.slug).toBe(slugify(brand.name));
    expect(new Set(demoBrands.map((b) => b.slug)).size).toBe(demoBrands.length);
    expect(brandBySlug.get('western-digital')?.name).toBe('Western Digital');
    expect(brandBySlug.get('g-skill')?.name).toBe('G.Skill');
  });

  it('references existing categories and brands', () => {
    for (const product of demoProducts) {
      expect(categoryBySlug.has(product.category), `${product.sku} category ${product.category}`).toBe(true);
      expect(brandBySlug.has(product.brand), `${product.sku} brand ${product.brand}`).toBe(true);
    }
  });

  it('has unique, well-formed skus, barcodes and name slugs', () => {
    const unique = (values: string[]) => new Set(values).size === values.length;
    expect(unique(demoProducts.map((p) => p.sku))).toBe(true);
    expect(unique(demoProducts.map((p) => p.barcode))).toBe(true);
    expect(unique(demoProducts.map((p) => slugify(p.name)))).toBe(true);
    for (const product of demoProducts) {
      expect(product.sku).toMatch(/^[A-Z0-9]+(?:-[A-Z0-9]+)*$/);
      expect(product.sku.length).toBeLessThanOrEqual(40);
    }
  });

  it('has valid EAN-13 barcodes', () => {
    for (const product of demoProducts) expect(validEan13(product.barcode), product.barcode).toBe(true);
    expect(validEan13('4006381333931')).toBe(true);
    expect(validEan13('4006381333932')).toBe(false);
  });

  it('has specs that match the spec kind of the category', () => {
    for (const product of demoProducts) {
      const kind = categoryBySlug.get(product.category)!.specKind;
      expect(checkSpecs(kind, product.specs), product.sku).toEqual({});
      const attributes = specKinds[kind].length;
      expect(Object.keys(product.specs).length, product.sku).toBeGreaterThanOrEqual(
        Math.ceil(attributes / 2),
      );
    }
  });

  it('has sane prices, warranties and descriptions', () => {
    for (const product of demoProducts) {
      expect(Number.isInteger(product.priceCents) && product.priceCents > 0, product.sku).toBe(true);
      if (product.compareAtCents !== undefined)
        expect(product.compareAtCents).toBeGreaterThan(product.priceCents);
      expect(product.warrantyMonths).toBeGreaterThan(0);
      expect(product.description.length).toBeGreaterThan(20);
    }
    expect(demoProducts.some((p) => p.compareAtCents !== undefined)).toBe(true);
  });

  it('has some products out of stock and some low on stock', () => {
    const total = demoProducts.length;
    const out = demoProducts.filter((p) => p.stock === 0).length;
    const low = demoProducts.filter((p) => p.stock >= 1 && p.stock <= 3).length;
    expect(out / total).toBeGreaterThanOrEqual(0.05);
    expect(low / total).toBeGreaterThanOrEqual(0.05);
    for (const product of demoProducts)
      expect(Number.isInteger(product.stock) && product.stock >= 0).toBe(true);
  });

  it('has Khmer category names', () => {
    for (const category of demoCategories) expect(category.nameKm, category.slug).toMatch(/[\u1780-\u17FF]/);
  });

  it('contains the search tokens customers type', () => {
    const text = demoProducts.map((p) => `${p.name} ${Object.values(p.specs).join(' ')}`).join('\n');
    for (const token of [
      'i3',
      'i5',
      'i7',
      'i9',
      '4K',
      'M.2 2280',
      'NVMe',
      'DDR4',
      'DDR5',
      'RTX 4060',
      'Wi-Fi 6',
    ]) {
      expect(text, token).toContain(token);
    }
    for (const ryzen of ['Ryzen 5', 'Ryzen 7', 'Ryzen 9']) expect(text).toContain(ryzen);
    expect(demoProducts.some((p) => p.specs.capacityGb === 1000)).toBe(true);
    expect(demoProducts.some((p) => p.specs.capacityGb === 2000)).toBe(true);
  });
});

describe('demo catalog data file', () => {
  /** The data file with one product changed: the importer must name that product, not just "invalid input". */
  function withProduct(index: number, change: Record<string, unknown>): unknown {
    const copy = structuredClone(demoCatalogJson) as { products: Record<string, unknown>[] };
    copy.products[index] = { ...copy.products[index], ...change };
    return copy;
  }

  it('gives every product a barcode and opening stock by its place in the file', () => {
    const again = parseDemoCatalog(demoCatalogJson);
    expect(again.products).toEqual(demoProducts);
    // 885000000001: 8 + 8·3 + 5 + 1·3 = 40, check digit 0.
    expect(demoProducts[0]!.barcode).toBe('8850000000010');
    expect(demoProducts.map((p) => p.stock).slice(0, 10)).toEqual([9, 26, 6, 0, 40, 20, 37, 2, 34, 14]);
  });

  it('names the bad entry by position and sku', () => {
    const sku = demoCatalogJson.products[3]!.sku;
    expect(() => parseDemoCatalog(withProduct(3, { priceCents: '12.99' }))).toThrow(
      `demo-catalog.json: products[3] (${sku}) priceCents:`,
    );
    expect(() => parseDemoCatalog(withProduct(3, { brand: 'nobody' }))).toThrow(
      `products[3] (${sku}) brand: no brand "nobody"`,
    );
    expect(() => parseDemoCatalog(withProduct(3, { category: 'toasters' }))).toThrow(
      `products[3] (${sku}) category: no category "toasters"`,
    );
    expect(() => parseDemoCatalog(withProduct(3, { specs: { socket: 1700 } }))).toThrow(
      `products[3] (${sku}) specs: socket: must be a text`,
    );
    expect(() => parseDemoCatalog(withProduct(3, { sku: demoCatalogJson.products[0]!.sku }))).toThrow(
      'sku: used twice',
    );
    expect(() => parseDemoCatalog(withProduct(3, { colour: 'red' }))).toThrow(`products[3] (${sku})`);
  });

  it('refuses a file without products', () => {
    expect(() => parseDemoCatalog({ categories: [], brands: [] })).toThrow('demo-catalog.json: products:');
  });
});

describe('product images', () => {
  it('renders an escaped, self-contained SVG', () => {
    const svg = productImageSvg({
      name: 'Cable <2m> "Pro"',
      brand: 'AT&T',
      category: 'accessories',
      sku: 'ACC-X-1',
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('AT&amp;T');
    expect(svg).not.toContain('AT&T');
    expect(svg).not.toContain('<2m>');
    expect(svg).toContain('viewBox="0 0 800 800"');
  });

  it('renders every demo product deterministically and compactly', () => {
    for (const product of demoProducts) {
      const input = {
        name: product.name,
        brand: brandBySlug.get(product.brand)!.name,
        category: product.category,
        sku: product.sku,
      };
      const svg = productImageSvg(input);
      expect(svg).toBe(productImageSvg(input));
      expect(svg.length, product.sku).toBeLessThan(6 * 1024);
      expect(svg).not.toMatch(/(?:href|src)="(?:https?:|data:)/);
      expect(svg).not.toMatch(/@import|url\((?!#)/);
    }
  });

  it('derives safe file names from skus', () => {
    expect(svgFileName('CPU-INT-14700K')).toBe('cpu-int-14700k.svg');
    expect(svgFileName('SSD/../X 1')).toBe('ssd-x-1.svg');
  });
});
