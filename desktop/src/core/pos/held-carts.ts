import { ulid } from 'ulidx';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import { cartTotals, type Cart } from './cart';

export interface HeldCart {
  id: string;
  heldAt: number;
  staffId: string;
  /** Who held it, as this counter knows them (the id when the staff list has not reached the counter). */
  staffName: string;
  /** What the cashier wrote to find it again ("fetching money", "the man in the red shirt"); may be empty. */
  note: string;
  totalCents: number;
  cart: Cart;
}

/** Long enough for a sentence, short enough for one line of the list. */
export const HELD_NOTE_MAX = 120;

type HeldRow = { id: string; heldAt: number; staffId: string; staffName: string; note: string; cart: string };

/** Carts put aside (the customer went to fetch money) and taken up again, surviving a restart of the app. */
export function heldCarts(db: LocalDb) {
  const insert = db.prepare(
    'INSERT INTO held_carts (id, held_at, staff_id, note, cart) VALUES (?, ?, ?, ?, ?)',
  );
  const columns = `h.id, h.held_at AS heldAt, h.staff_id AS staffId, coalesce(s.name, h.staff_id) AS staffName,
    h.note, h.cart`;
  const list = db.prepare(
    `SELECT ${columns} FROM held_carts h LEFT JOIN staff s ON s.id = h.staff_id ORDER BY h.id`,
  );
  const one = db.prepare(
    `SELECT ${columns} FROM held_carts h LEFT JOIN staff s ON s.id = h.staff_id WHERE h.id = ?`,
  );
  const remove = db.prepare('DELETE FROM held_carts WHERE id = ?');
  const toHeld = (row: HeldRow): HeldCart => {
    const cart = JSON.parse(row.cart) as Cart;
    return { ...row, cart, totalCents: cartTotals(cart).totalCents };
  };
  return {
    hold(cart: Cart, staffId: string, now: number, note: unknown = ''): string {
      if (cart.lines.length === 0) throw new PosError('invalid', 'an empty sale needs no holding');
      if (cart.payments.length > 0)
        throw new PosError('conflict', 'a sale with payments taken cannot be held');
      if (typeof note !== 'string') throw new PosError('invalid', 'the note is text');
      const text = note.trim();
      if (text.length > HELD_NOTE_MAX)
        throw new PosError('invalid', `keep the note to ${HELD_NOTE_MAX} characters`);
      const id = ulid(now);
      insert.run(id, now, staffId, text, JSON.stringify(cart));
      return id;
    },
    list: () => (list.all() as HeldRow[]).map(toHeld),
    // Read and removed in one transaction: two windows recalling the same sale get it once.
    recall: db.transaction((id: string): HeldCart => {
      const row = one.get(id) as HeldRow | undefined;
      if (!row) throw new PosError('not_found', 'that held sale was recalled already');
      remove.run(id);
      return toHeld(row);
    }),
  };
}
