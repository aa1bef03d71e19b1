import {
  counterPreOrderInputSchema,
  depositFor,
  usdCentsToKhr,
  type AdminProductRow,
  type CounterPreOrderInput,
  type Currency,
  type ProductPreOrder,
  type ShopClient,
} from '@shop/shared';
import { typedCash } from '../../pay/cash';

/**
 * The logic of the back office's "New pre-order" form (decision 0019: a pre-order taken at the counter is the
 * server's `POST /admin/pre-orders`, sent through the core). Kept apart from the screen so a plain-Node test can run
 * it through the core against a real server.
 */

/** A product the counter may take a pre-order of: out of stock, active, with pre-orders on. */
export interface PreOrderable {
  id: string;
  sku: string;
  name: string;
  /** The catalog price, as the server prices a pre-order (no delivery, no cart promotions). */
  priceCents: number;
  preOrder: ProductPreOrder;
}

/**
 * Products matching `q` (name, SKU or barcode) that take pre-orders now: the back office's product search among
 * those out of stock, each asked for its pre-order terms (the catalog's product page carries them).
 */
export async function findPreOrderable(client: ShopClient, q: string): Promise<PreOrderable[]> {
  const { items } = await client.listAdminProducts({
    query: { q, stock: 'out', active: 'yes', pageSize: 8 },
  });
  const outOfStock = items.filter((row: AdminProductRow) => row.available <= 0);
  const details = await Promise.all(
    outOfStock.map((row) => client.getProduct({ params: { idOrSlug: row.id } }).catch(() => null)),
  );
  return outOfStock.flatMap((row, i) => {
    const terms = details[i]?.preOrder;
    return terms
      ? [{ id: row.id, sku: row.sku, name: row.name, priceCents: row.priceCents, preOrder: terms }]
      : [];
  });
}

export interface PreOrderQuote {
  totalCents: number;
  totalKhr: number;
  /** The deposit as the server will ask it (depositFor), in each currency. */
  depositCents: number;
  depositKhr: number;
}

/** What a pre-order of `quantity` costs and its deposit, in dollars and in riel at the shop's rate. */
export function quotePreOrder(product: PreOrderable, quantity: number, rielPerUsd: number): PreOrderQuote {
  const totalCents = product.priceCents * quantity;
  const totalKhr = usdCentsToKhr(totalCents, rielPerUsd);
  const percent = product.preOrder.depositPercent;
  return {
    totalCents,
    totalKhr,
    depositCents: depositFor(totalCents, 'USD', percent),
    depositKhr: depositFor(totalKhr, 'KHR', percent),
  };
}

export const depositIn = (quote: PreOrderQuote, currency: Currency) =>
  currency === 'USD' ? quote.depositCents : quote.depositKhr;

/** What staff typed into the form. */
export interface PreOrderDraft {
  product: PreOrderable | null;
  quantity: number;
  currency: Currency;
  name: string;
  phone: string;
  email: string;
  depositBy: 'cash' | 'khqr';
  /** The cash handed over as typed ("20", "12.50", "50000"); empty: exactly the deposit. */
  tendered: string;
}

export type DraftCheck =
  | { ok: true; body: CounterPreOrderInput; change: number }
  | { ok: false; errors: Partial<Record<'product' | 'name' | 'phone' | 'email' | 'tendered', string>> };

/**
 * The route's body from the form, or what to fix field by field (the route's own schema, and cash that does not
 * cover the deposit). `change` is what to hand back for cash, in the pre-order's currency.
 */
export function checkDraft(draft: PreOrderDraft, quote: PreOrderQuote | null): DraftCheck {
  const errors: Extract<DraftCheck, { ok: false }>['errors'] = {};
  if (!draft.product || !quote) errors.product = 'required';
  const deposit = quote ? depositIn(quote, draft.currency) : 0;
  const cash = draft.depositBy === 'cash' && deposit > 0;
  const tendered = !cash
    ? undefined
    : draft.tendered.trim() === ''
      ? deposit
      : typedCash(draft.tendered, draft.currency);
  if (cash && tendered === null) errors.tendered = 'amount';
  else if (cash && tendered !== undefined && tendered !== null && tendered < deposit)
    errors.tendered = 'short';
  const parsed = counterPreOrderInputSchema.safeParse({
    productId: draft.product?.id ?? '',
    quantity: draft.quantity,
    currency: draft.currency,
    customer: {
      name: draft.name,
      phone: draft.phone,
      ...(draft.email.trim() && { email: draft.email.trim() }),
    },
    depositBy: draft.depositBy,
    ...(cash && typeof tendered === 'number' && { tendered }),
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) {
      const [top, field] = issue.path;
      if (top === 'customer' && (field === 'name' || field === 'phone' || field === 'email'))
        errors[field] ??= 'invalid';
    }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, body: parsed.data, change: typeof tendered === 'number' ? tendered - deposit : 0 };
}
