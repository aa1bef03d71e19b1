import { orderChoicesSchema, placeOrderInputSchema } from '@shop/shared';
import type { z } from 'zod';
import { useShopForm, type ShopForm } from '../ui/form';

/**
 * The checkout's choices, checked with the fields' rules the server checks the order with. A delivery address is
 * a saved one (addressId) for a customer and typed in for a guest (guest-address.tsx), so which one is needed is
 * the page's to say (its "blocked" reason), and the server's.
 */
const checkoutSchema = orderChoicesSchema.extend({ addressId: placeOrderInputSchema.shape.addressId });

export type CheckoutValues = z.input<typeof checkoutSchema>;
export type CheckoutForm = ShopForm<CheckoutValues>;

export function useCheckoutForm(failed: string): CheckoutForm {
  return useShopForm(checkoutSchema, { fulfilment: 'pickup', currency: 'USD', note: '' }, { failed });
}
