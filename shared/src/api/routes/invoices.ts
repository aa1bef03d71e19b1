import { z } from 'zod';
import { defineRoute, signedIn } from '../route';
import { idParam } from './common';

export const invoiceFormatSchema = z.enum(['pdf', 'html']);
export type InvoiceFormat = z.infer<typeof invoiceFormatSchema>;

/** Order invoices: a document per order, for its customer and for staff. */
export const invoiceRoutes = {
  getOrderInvoice: defineRoute({
    method: 'get',
    path: '/orders/:id/invoice',
    summary:
      "The order's invoice as an A4 PDF (default) or a printable HTML page, English and Khmer, USD with KHR " +
      "(another customer's order is 404)",
    tag: 'orders',
    access: signedIn,
    params: idParam,
    query: z.object({ format: invoiceFormatSchema.default('pdf') }),
    response: z.unknown(),
    produces: ['application/pdf', 'text/html'],
    errors: [404],
  }),
} as const;
