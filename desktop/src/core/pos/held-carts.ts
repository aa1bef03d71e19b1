import { ulid } from 'ulidx';
import { PosError } from '../errors';
import type { LocalDb } from '../local-db/open';
import type { Cart } from './cart';

export interface HeldCart {
  id: string;
  heldAt: number;
  staffId: string;
  cart: Cart;
}

/** Carts put aside (the customer went to fetch money) and taken up again, surviving a restart of the app. */
export function heldCarts(db: LocalDb) {
  const insert = db.prepare('INSERT INTO held_carts (id, held_at, staff_id, cart) VALUES (?, ?, ?, ?)');
  const list = db.prepare(
    'SELECT id, held_at AS heldAt, staff_id AS staffId, cart FROM held_carts ORDER BY id',
  );
  const take = db.prepare(
    'DELETE FROM held_carts WHERE id = ? RETURNING id, held_at AS heldAt, staff_id AS staffId, cart',
  );
  const toHeld = (row: { id: string; heldAt: number; staffId: string; cart: string }): HeldCart => ({
    ...row,
    cart: JSON.parse(row.cart) as Cart,
  });
  return {
    hold(cart: Cart, staffId: string, now: number): string {
      if (cart.lines.length === 0) throw new PosError('invalid', 'an empty sale needs no holding');
      if (cart.payments.length > 0)
        throw new PosError('conflict', 'a sale with payments taken cannot be held');
      const id = ulid(now);
      insert.run(id, now, staffId, JSON.stringify(cart));
      return id;
    },
    list: () => (list.all() as { id: string; heldAt: number; staffId: string; cart: string }[]).map(toHeld),
    recall(id: string): HeldCart {
      const row = take.get(id) as { id: string; heldAt: number; staffId: string; cart: string } | undefined;
      if (!row) throw new PosError('not_found', 'that held sale was recalled already');
      return toHeld(row);
    },
  };
}
