import { CAMBODIA_CALLING_CODE, normaliseCambodianPhone } from '@shop/shared';
import { ulid } from 'ulidx';
import type { CustomerHit } from '../commands';
import type { LocalDb } from '../local-db/open';
import { refuse } from '../refusals';

/**
 * The phone in one form, so the same number typed two ways is one customer: read by the shop's one normaliser
 * (shared/src/phone.ts) and kept as the counter searches it, a 0 and 8 or 9 digits ("0975" finds it as staff type).
 */
export function normalPhone(typed: string): string | null {
  const phone = normaliseCambodianPhone(typed);
  return phone && `0${phone.slice(1 + CAMBODIA_CALLING_CODE.length)}`;
}

/**
 * Customers added at the counter by phone and name. The server has no way yet to take a customer from a counter
 * (no pushed item for it), so they wait here: found by the customer search, marked waiting, and not yet chosen for
 * a sale (a sale naming a customer the server does not know would be parked). A phone the counter already knows
 * answers that customer instead of a second one.
 */
export function newCustomers(db: LocalDb) {
  // Pulled phones are as the server keeps them, spaces and all (a scan of the few thousand customers is fast).
  const known = db.prepare(
    `SELECT id, name, phone FROM customers WHERE replace(replace(phone, ' ', ''), '-', '') IN (?, ?)`,
  );
  const waitingByPhone = db.prepare('SELECT id, name, phone FROM customers_to_add WHERE phone = ?');
  const insert = db.prepare(
    'INSERT INTO customers_to_add (id, name, phone, staff_id, created_at) VALUES (?, ?, ?, ?, ?)',
  );
  const search = db.prepare(
    `SELECT id, name, phone FROM customers_to_add WHERE phone LIKE ? || '%' OR name LIKE '%' || ? || '%'
     ORDER BY name LIMIT 20`,
  );

  return {
    add(input: { name: string; phone: string; staffId: string; now: number }) {
      const name = input.name.replace(/\s+/g, ' ').trim();
      if (!name || name.length > 120) throw refuse('invalid', 'customerName');
      const phone = normalPhone(input.phone);
      if (!phone) throw refuse('invalid', 'customerPhone');
      // Compared with and without the country code.
      const existing = (known.get(phone, `+855${phone.slice(1)}`) ?? waitingByPhone.get(phone)) as
        CustomerHit | undefined;
      if (existing) return { customer: existing, added: false };
      const id = ulid(input.now);
      insert.run(id, name, phone, input.staffId, input.now);
      return { customer: { id, name, phone, waiting: true }, added: true };
    },

    /** Those still waiting for the server whose phone starts with, or name contains, `query`. */
    find(query: string): CustomerHit[] {
      return (search.all(query, query) as CustomerHit[]).map((hit) => ({ ...hit, waiting: true }));
    },
  };
}
