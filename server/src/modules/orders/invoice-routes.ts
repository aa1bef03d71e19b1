import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { loadInvoice } from './invoice';
import { renderInvoiceHtml } from './invoice-html';
import { renderInvoicePdf } from './invoice-pdf';
import { khmerFontOnce } from './invoice-typesetter';

export function invoiceHandlers(db: Db): Handlers<'getOrderInvoice'> {
  const khmerFont = khmerFontOnce();
  return {
    // Read first, render after: rendering never holds a database transaction or connection.
    getOrderInvoice: async ({ params, query, user }) => {
      const invoice = await loadInvoice(db, params.id, user);
      if (query.format === 'html') {
        return {
          contentType: 'text/html; charset=utf-8',
          body: renderInvoiceHtml(invoice),
          fileName: `invoice-${invoice.number}.html`,
          cache: 'private',
        };
      }
      return {
        contentType: 'application/pdf',
        body: await renderInvoicePdf(invoice, khmerFont),
        fileName: `invoice-${invoice.number}.pdf`,
        cache: 'private',
      };
    },
  };
}
