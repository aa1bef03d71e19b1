import { z } from 'zod';
import { availabilitySchema } from './catalog';

/**
 * A customer's wishlist (issue 15): products kept for later, each shown with the catalog's price and stock as they
 * are now. Bounded per account, so a list stays one small answer rather than pages.
 */
export const wishlistLimit = 200;

const productId = z.string().min(1).max(40);

export const wishlistItemSchema = z
  .object({
    productId,
    slug: z.string(),
    name: z.string(),
    imageUrl: z.string().nullable(),
    /** The price now, in US cents and in riel at the shop's rate (rounded to 100 riel, as the catalog shows it). */
    price: z.object({ usdCents: z.number().int(), khr: z.number().int() }),
    compareAtCents: z.number().int().nullable(),
    /** The catalog's stock state, or `unavailable` for a product no longer sold (kept on the list, not buyable). */
    availability: z.union([availabilitySchema, z.literal('unavailable')]),
    /** When the customer added it (epoch ms). */
    addedAt: z.number().int(),
  })
  .meta({ id: 'WishlistItem' });
export type WishlistItem = z.infer<typeof wishlistItemSchema>;

export const wishlistSchema = z
  .object({
    /** Newest first. */
    items: z.array(wishlistItemSchema),
    total: z.number().int(),
    limit: z.number().int(),
    rielPerUsd: z.number().int(),
  })
  .meta({ id: 'Wishlist' });
export type Wishlist = z.infer<typeof wishlistSchema>;

/**
 * The hearts a visitor gave while signed out, joined to the account at sign-in in one request. Products not sold
 * any more are skipped; what does not fit under the limit is named in `notMerged`.
 */
export const wishlistMergeInputSchema = z
  .object({
    productIds: z.array(productId).min(1).max(wishlistLimit, `at most ${wishlistLimit} products`),
  })
  .meta({ id: 'WishlistMergeInput' });
export type WishlistMergeInput = z.infer<typeof wishlistMergeInputSchema>;

export const wishlistMergeSchema = wishlistSchema
  .extend({ notMerged: z.array(productId) })
  .meta({ id: 'WishlistMerge' });
