import { ulid } from 'ulidx';
import type { CustomerHit } from '../commands';
import type { LocalDb } from '../local-db/open';
import { refuse } from '../refusals';

/** A Cambodian mobile or landline as people say it: 012 345 678, 0975 123 456, +855 12 345 678. */
const PHONE = /^(?:\+?855|0)([1-9][0-9]{7,8})$/;

/** The phone in one form (0 and 8 or 9 digits), so the same number typed two ways is one customer. */
export function normalPhone(typed: string): string | null {
  const match = PHONE.exec(typed.replace(/[\s().-]/g, ''));
  return match ? `0${match[1]}` : null;
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
