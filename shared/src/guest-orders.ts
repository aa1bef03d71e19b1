import { z } from 'zod';
import { addressInputSchema, email, localeSchema } from './accounts';
import { orderChoicesSchema, orderSchema, refuseRepeatedItems } from './orders';
import { cambodianPhone } from './phone';
import { personName } from './text';

/**
 * Guest checkout (issue 15): an order with a name, a phone number and an email, and no account. The order page is
 * opened with a token carried by the link in its mails and in the placing answer (never in a URL a server logs:
 * tokens travel in request bodies and in the page address's fragment). A guest order never joins an account by its
 * email; an account proven by its mailed code may claim it with the token afterwards.
 */
export const guestContactSchema = z.object({
  name: personName('enter your name'),
  phone: cambodianPhone(),
  email,
  /** The language of the order's mails. */
  locale: localeSchema.optional(),
});
export type GuestContact = z.infer<typeof guestContactSchema>;

/** Where a guest's delivery goes: a Cambodian address as saved addresses have it, received by the guest. */
export const guestDeliveryAddressSchema = addressInputSchema.omit({
  label: true,
  recipient: true,
  phone: true,
  isDefault: true,
});
export type GuestDeliveryAddress = z.input<typeof guestDeliveryAddressSchema>;

export const placeGuestOrderInputSchema = orderChoicesSchema
  .extend({ guest: guestContactSchema, address: guestDeliveryAddressSchema.optional() })
  .superRefine((o, ctx) => {
    if (o.fulfilment === 'delivery' && !o.address)
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'enter the delivery address' });
    refuseRepeatedItems(o, ctx);
  })
  .meta({ id: 'PlaceGuestOrderInput' });
export type PlaceGuestOrderInput = z.infer<typeof placeGuestOrderInputSchema>;

/** The key to one guest order's page; shown once, to the browser that placed it (the mails carry their own). */
export const orderAccessTokenSchema = z.string().min(32).max(64);

export const guestOrderPlacedSchema = z
  .object({ order: orderSchema, accessToken: z.string() })
  .meta({ id: 'GuestOrderPlaced' });
export type GuestOrderPlaced = z.infer<typeof guestOrderPlacedSchema>;

export const orderAccessInputSchema = z
  .object({ token: orderAccessTokenSchema })
  .meta({ id: 'OrderAccessInput' });
