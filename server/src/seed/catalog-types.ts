import type { SpecKind, Specs } from '@shop/shared';

/** The shape of the demo catalog the seed writes on first start of an empty database. */
export interface DemoCategory {
  slug: string;
  name: string;
  nameKm: string;
  specKind: SpecKind;
  /** Slug of the parent category, for sub-categories such as "Gaming laptops" under "Laptops". */
  parent?: string;
}

export interface DemoBrand {
  slug: string;
  name: string;
}

export interface DemoProduct {
  sku: string;
  /** EAN-13 with a valid check digit. */
  barcode: string;
  name: string;
  category: string;
  brand: string;
  priceCents: number;
  compareAtCents?: number;
  warrantyMonths: number;
  serialized: boolean;
  description: string;
  /** The description in Khmer, when the catalog has one. */
  descriptionKm?: string;
  specs: Specs;
  /** Units on hand at seed time; some 0 (out of stock) and some 1–3 (low stock). */
  stock: number;
}
