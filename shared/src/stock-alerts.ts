import { z } from 'zod';
import { email, localeSchema } from './accounts';

/**
 * Back-in-stock alerts (issue 15): anyone leaves an address on an out-of-stock product and is mailed once when it is
 * received again. The answer is the same whatever the address, and the mail carries only the shop's words.
 */
export const stockAlertInputSchema = z
  .object({ email, locale: localeSchema.optional() })
  .meta({ id: 'StockAlertInput' });
export type StockAlertInput = z.infer<typeof stockAlertInputSchema>;
