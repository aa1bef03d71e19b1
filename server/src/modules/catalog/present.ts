import {
  cardSpecs,
  specAttributes,
  specDisplay,
  specKindSchema,
  type Availability,
  type PreOrderDepositPercent,
  type ProductDetail,
  type ProductSummary,
  type SpecKind,
  type Specs,
} from '@shop/shared';

/** The columns a product answer is made from (products joined with brand, category and stock). */
export interface ProductRow {
  id: string;
  slug: string;
  sku: string;
  name: string;
  price_cents: number;
  compare_at_cents: number | null;
  warranty_months: number;
  specs_json: string;
  images_json: string;
  low_stock_threshold: number;
  brand_id: string;
  brand_slug: string;
  brand_name: string;
  category_id: string;
  category_slug: string;
  category_name: string;
  category_name_km: string;
  spec_kind: string;
  on_hand: number;
  reserved: number;
}

export interface ProductDetailRow extends ProductRow {
  barcode: string | null;
  description: string;
  description_km: string | null;
  serialized: number;
  active: number;
  preorder_allowed: number;
  preorder_expected_on: string | null;
  preorder_deposit_percent: number;
  created_at: number;
  updated_at: number;
}

export interface ProductImage {
  url: string;
  alt: string;
}

/** Customers see availability, never exact counts. */
export function availabilityOf(available: number, lowStockThreshold: number): Availability {
  if (available <= 0) return 'out_of_stock';
  return available <= lowStockThreshold ? 'low_stock' : 'in_stock';
}

export function specKindOf(value: string): SpecKind {
  return specKindSchema.parse(value);
}

const KEY_SPEC_COUNT = 3;

export function toProductSummary(row: ProductRow): ProductSummary {
  const kind = specKindOf(row.spec_kind);
  const specs = JSON.parse(row.specs_json) as Specs;
  const images = JSON.parse(row.images_json) as ProductImage[];
  return {
    id: row.id,
    slug: row.slug,
    sku: row.sku,
    name: row.name,
    brand: { id: row.brand_id, slug: row.brand_slug, name: row.brand_name },
    category: {
      id: row.category_id,
      slug: row.category_slug,
      name: row.category_name,
      nameKm: row.category_name_km,
    },
    priceCents: Number(row.price_cents),
    compareAtCents: row.compare_at_cents === null ? null : Number(row.compare_at_cents),
    warrantyMonths: Number(row.warranty_months),
    availability: availabilityOf(Number(row.on_hand) - Number(row.reserved), Number(row.low_stock_threshold)),
    imageUrl: images[0]?.url ?? null,
    keySpecs: cardSpecs(kind, specs, 'en', KEY_SPEC_COUNT),
    keySpecsKm: cardSpecs(kind, specs, 'km', KEY_SPEC_COUNT),
  };
}

export function toProductDetail(row: ProductDetailRow): ProductDetail {
  const kind = specKindOf(row.spec_kind);
  const specs = JSON.parse(row.specs_json) as Specs;
  return {
    ...toProductSummary(row),
    barcode: row.barcode,
    description: row.description,
    ...(row.description_km && { descriptionKm: row.description_km }),
    serialized: row.serialized === 1,
    active: row.active === 1,
    preOrder:
      Number(row.preorder_allowed) === 1
        ? {
            expectedOn: row.preorder_expected_on,
            depositPercent: Number(row.preorder_deposit_percent) as PreOrderDepositPercent,
          }
        : null,
    specs: specAttributes(kind)
      .filter((attribute) => specs[attribute.key] !== undefined)
      .map((attribute) => {
        const value = specs[attribute.key]!;
        const displayKm = specDisplay(attribute, value, 'km');
        return {
          key: attribute.key,
          label: attribute.label,
          labelKm: attribute.labelKm,
          value,
          display: specDisplay(attribute, value, 'en')!,
          ...(displayKm !== undefined && { displayKm }),
        };
      }),
    images: JSON.parse(row.images_json) as ProductImage[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
