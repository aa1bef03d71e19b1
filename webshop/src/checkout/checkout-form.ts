import { placeOrderInputSchema } from '@shop/shared';
import type { z } from 'zod';
import { useShopForm, type ShopForm } from '../ui/form';

export type CheckoutValues = z.input<typeof placeOrderInputSchema>;
export type CheckoutForm = ShopForm<CheckoutValues>;

/** The checkout's choices, checked with the same schema the server checks the order with. */
export function useCheckoutForm(failed: string): CheckoutForm {
  return useShopForm(placeOrderInputSchema, { fulfilment: 'pickup', currency: 'USD', note: '' }, { failed });
}
