import { z } from 'zod';
import { specKindSchema, specsSchema } from './specs';
import { productPreOrderSchema } from './pre-order-info';

const slug = z
  .string()
  .trim()
  .min(1)
  .max(120)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'use lower-case letters, digits and single dashes');
const id = z.string().min(1).max(40);
const cents = z.number().int().min(0).max(100_000_000);

export const availabilitySchema = z.enum(['in_stock', 'low_stock', 'out_of_stock']);
export type Availability = z.infer<typeof availabilitySchema>;

export const categorySchema = z
  .object({
    id,
    slug,
    name: z.string(),
    nameKm: z.string(),
    parentId: id.nullable(),
    specKind: specKindSchema,
    position: z.number().int(),
    productCount: z.number().int(),
  })
  .meta({ id: 'Category' });
export type Category = z.infer<typeof categorySchema>;

export const brandSchema = z
  .object({ id, slug, name: z.string(), productCount: z.number().int() })
  .meta({ id: 'Brand' });
export type Brand = z.infer<typeof brandSchema>;

const nameRef = z.object({ id, slug, name: z.string() });

export const productSummarySchema = z
  .object({
    id,
    slug,
    sku: z.string(),
    name: z.string(),
    brand: nameRef,
    category: nameRef.extend({ nameKm: z.string() }),
    priceCents: cents,
    compareAtCents: cents.nullable(),
    warrantyMonths: z.number().int(),
    availability: availabilitySchema,
    imageUrl: z.string().nullable(),
    /** A few formatted specs for product cards, e.g. ["8 cores / 16 threads", "AM5", "4.2 GHz"]. */
    keySpecs: z.array(z.string()),
    /** The same on Khmer pages ("8 ស្នូល / 16 ខ្សែស្រឡាយ"); a value with no Khmer text is in English. */
    keySpecsKm: z.array(z.string()),
  })
  .meta({ id: 'ProductSummary' });
export type ProductSummary = z.infer<typeof productSummarySchema>;

export const productSpecSchema = z.object({
  key: z.string(),
  label: z.string(),
  labelKm: z.string(),
  value: z.union([z.string(), z.number(), z.boolean()]),
  display: z.string(),
  /** How the value reads on Khmer pages; absent when it is words the shop has no Khmer for (show `display`). */
  displayKm: z.string().optional(),
});

/** Uploads larger than this are refused (413) before they are read. */
export const productImageMaxBytes = 8 * 1024 * 1024;

/**
 * A product picture. `url` is the large one (960 px wide for uploads); uploaded pictures also have an `id` (to
 * delete them by) and smaller copies in `thumbnails`, by width (`{ "160": url, "480": url }`).
 */
export const productImageSchema = z
  .object({
    id: z.string().optional(),
    url: z.string(),
    alt: z.string(),
    thumbnails: z.record(z.string().regex(/^\d+$/), z.string()).optional(),
  })
  .meta({ id: 'ProductImage' });
export type ProductImage = z.infer<typeof productImageSchema>;

/** The text fields sent with a picture upload (the file itself is the multipart field `file`). */
export const productImageUploadSchema = z.object({ alt: z.string().trim().max(200).optional() });

export const productDetailSchema = productSummarySchema
  .extend({
    barcode: z.string().nullable(),
    description: z.string(),
    /** The description in Khmer; absent when the shop has not written one (Khmer pages show the English). */
    descriptionKm: z.string().optional(),
    serialized: z.boolean(),
    active: z.boolean(),
    specs: z.array(productSpecSchema),
    images: z.array(productImageSchema),
    /** Set when the shop takes pre-orders of it while it is out of stock (a deposit, then the rest on arrival). */
    preOrder: productPreOrderSchema.nullable().optional(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'ProductDetail' });
export type ProductDetail = z.infer<typeof productDetailSchema>;

/** A product as admins see it: with what the public never sees. */
export const adminProductSchema = productDetailSchema
  .extend({ costCents: z.number().int().nullable(), reorderLevel: z.number().int().nullable() })
  .meta({ id: 'AdminProduct' });
export type AdminProduct = z.infer<typeof adminProductSchema>;

/** `popular`: most units sold first (paid order lines and counter sales); a category's listing by default. */
export const productSorts = ['relevance', 'popular', 'price_asc', 'price_desc', 'newest', 'name'] as const;
export type ProductSort = (typeof productSorts)[number];

const queryList = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));
const queryInt = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const queryBool = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

/** `spec=socket:AM5&spec=socket:LGA1700&spec=cores:8`: values of one key are alternatives, keys all apply. */
const specFilter = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(
    z
      .array(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}:.{1,120}$/, 'use key:value, e.g. socket:AM5'))
      .max(20),
  );

export const productListQuerySchema = z
  .object({
    q: z.string().trim().max(200).optional(),
    category: slug.optional(),
    brand: queryList.pipe(z.array(slug).max(20)).optional(),
    minPrice: queryInt(0, 100_000_000).optional(),
    maxPrice: queryInt(0, 100_000_000).optional(),
    inStock: queryBool.optional(),
    spec: specFilter.optional(),
    sort: z.enum(productSorts).optional(),
    page: queryInt(1, 10_000).default(1),
    pageSize: queryInt(1, 100).default(24),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    path: ['maxPrice'],
    message: 'must not be below minPrice',
  });
export type ProductListQuery = z.infer<typeof productListQuerySchema>;
export type ProductListQueryInput = z.input<typeof productListQuerySchema>;

const facetValue = z.object({
  value: z.string(),
  label: z.string(),
  /** The value on Khmer pages; absent when it is words the shop has no Khmer for. */
  labelKm: z.string().optional(),
  count: z.number().int(),
});

export const productFacetsSchema = z
  .object({
    categories: z.array(facetValue),
    brands: z.array(facetValue),
    price: z.object({ minCents: cents.nullable(), maxCents: cents.nullable() }),
    inStock: z.number().int(),
    specs: z.array(
      z.object({ key: z.string(), label: z.string(), labelKm: z.string(), values: z.array(facetValue) }),
    ),
  })
  .meta({ id: 'ProductFacets' });
export type ProductFacets = z.infer<typeof productFacetsSchema>;

/** When a search finds nothing: what comes nearest, and the categories that fit it, instead of an empty page. */
export const searchSuggestionsSchema = z
  .object({
    /**
     * `partial`: products matching some of the words, those matching most first; `popular`: no word matched
     * anything, so the shop's best sellers.
     */
    basis: z.enum(['partial', 'popular']),
    items: z.array(productSummarySchema),
    categories: z.array(z.object({ slug, name: z.string(), nameKm: z.string(), count: z.number().int() })),
  })
  .meta({ id: 'SearchSuggestions' });
export type SearchSuggestions = z.infer<typeof searchSuggestionsSchema>;

export const productListSchema = z
  .object({
    items: z.array(productSummarySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    facets: productFacetsSchema,
    /** Only with a search that found nothing. */
    suggestions: searchSuggestionsSchema.optional(),
    /**
     * Only with a broad search (a word such as "a" found in much of the catalog): the best of a bounded part of its
     * matches were ranked, and `total` and the facets count that part, so "at least `total`".
     */
    partial: z.literal(true).optional(),
  })
  .meta({ id: 'ProductList' });
export type ProductList = z.infer<typeof productListSchema>;

/** A new product; omitted optional fields take the shop's defaults (no warranty, active, low stock at 3). */
export const productInputSchema = z
  .object({
    sku: z
      .string()
      .trim()
      .min(2)
      .max(40)
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dot, dash and underscore'),
    barcode: z
      .string()
      .regex(/^\d{8}$|^\d{12,13}$/, 'an EAN-8, UPC-A or EAN-13 barcode')
      .nullable()
      .optional(),
    slug: slug.optional(),
    name: z.string().trim().min(2).max(200),
    description: z.string().trim().max(10_000).optional(),
    /** The description in Khmer; empty or null: none (Khmer pages show the English one). */
    descriptionKm: z.string().trim().max(10_000).nullable().optional(),
    categoryId: id,
    brandId: id,
    priceCents: cents,
    compareAtCents: cents.nullable().optional(),
    warrantyMonths: z.number().int().min(0).max(120).optional(),
    specs: specsSchema.optional(),
    serialized: z.boolean().optional(),
    active: z.boolean().optional(),
    lowStockThreshold: z.number().int().min(0).max(10_000).optional(),
    /** What a unit cost the shop (admins only): stock valuation and margins. Never shown to customers or counters. */
    costCents: cents.nullable().optional(),
    /** Reorder when available stock is at or below this; null: at the low-stock threshold. */
    reorderLevel: z.number().int().min(0).max(100_000).nullable().optional(),
    /** Take pre-orders while out of stock, with this deposit and expected day; null: no pre-orders. */
    preOrder: productPreOrderSchema.nullable().optional(),
  })
  .meta({ id: 'ProductInput' });
export type ProductInput = z.infer<typeof productInputSchema>;

export const productPatchSchema = productInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .meta({ id: 'ProductPatch' });
export type ProductPatch = z.infer<typeof productPatchSchema>;

export const categoryInputSchema = z
  .object({
    slug: slug.optional(),
    name: z.string().trim().min(2).max(120),
    nameKm: z.string().trim().min(1).max(120),
    parentId: id.nullable().optional(),
    specKind: specKindSchema,
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .meta({ id: 'CategoryInput' });
export type CategoryInput = z.infer<typeof categoryInputSchema>;

export const categoryPatchSchema = categoryInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .meta({ id: 'CategoryPatch' });
export type CategoryPatch = z.infer<typeof categoryPatchSchema>;

export const brandInputSchema = z
  .object({ slug: slug.optional(), name: z.string().trim().min(1).max(120) })
  .meta({ id: 'BrandInput' });
export type BrandInput = z.infer<typeof brandInputSchema>;

export const brandPatchSchema = brandInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .meta({ id: 'BrandPatch' });
export type BrandPatch = z.infer<typeof brandPatchSchema>;

/** How a product's available stock stands against its reorder level (its low-stock threshold when it has none). */
export const productStockStates = ['in', 'low', 'out'] as const;
export type ProductStockState = (typeof productStockStates)[number];

/** The back office's product list: every product, active or not, with its stock. */
export const adminProductListQuerySchema = z.object({
  /** One product by its id: the row of a product picked elsewhere (a link to receive stock for it). */
  id: id.optional(),
  q: z.string().trim().max(120).optional(),
  /** The category and every category under it. */
  categoryId: id.optional(),
  brandId: id.optional(),
  active: z.enum(['yes', 'no']).optional(),
  stock: z.enum(productStockStates).optional(),
  sort: z.enum(['name', 'newest', 'price', 'available']).default('name'),
  page: queryInt(1, 10_000).default(1),
  pageSize: queryInt(1, 100).default(25),
});
export type AdminProductListQuery = z.input<typeof adminProductListQuerySchema>;

export const adminProductRowSchema = z
  .object({
    id,
    sku: z.string(),
    barcode: z.string().nullable(),
    name: z.string(),
    brand: z.object({ id, name: z.string() }),
    category: z.object({ id, name: z.string(), nameKm: z.string() }),
    priceCents: cents,
    compareAtCents: cents.nullable(),
    active: z.boolean(),
    serialized: z.boolean(),
    onHand: z.number().int(),
    reserved: z.number().int(),
    available: z.number().int(),
    /** The product's own reorder level, or its low-stock threshold when it has none. */
    reorderLevel: z.number().int(),
    stock: z.enum(productStockStates),
    /** The first picture's id (shown through getProductImageFile), null without pictures. */
    imageId: z.string().nullable(),
    updatedAt: z.number().int(),
  })
  .meta({ id: 'AdminProductRow' });
export type AdminProductRow = z.infer<typeof adminProductRowSchema>;

export const adminProductListSchema = z
  .object({
    items: z.array(adminProductRowSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'AdminProductList' });
export type AdminProductList = z.infer<typeof adminProductListSchema>;

/** The widths a product picture is stored in (the server's THUMBNAIL_WIDTHS). */
export const productImageWidths = ['160', '480', '960'] as const;

/** A product's pictures in a new order: every picture id of the product, once each. */
export const productImageOrderSchema = z
  .object({ imageIds: z.array(z.string().min(1).max(64)).min(1).max(12) })
  .meta({ id: 'ProductImageOrder' });
