import type { Address, AddressInput } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import type { AddressTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Invalid, NotFound } from '../../http/errors';
import {
  clearDefaultAddress,
  deleteAddressRow,
  findOldestAddressId,
  findOwnAddress,
  insertAddress,
  listAddressRows,
  makeDefaultAddress,
  updateAddressRow,
} from './addresses-repo';

/** A customer's saved delivery addresses; exactly one is the default while any exist. */
const MAX_ADDRESSES = 20;

export async function listAddresses(db: Db | Tx, userId: string): Promise<Address[]> {
  return (await listAddressRows(db, userId)).map(toAddress);
}

export async function createAddress(db: Db, userId: string, input: AddressInput): Promise<Address> {
  return inTransaction(db, async (tx) => {
    const existing = await listAddresses(tx, userId);
    if (existing.length >= MAX_ADDRESSES) throw new Invalid(`You can keep up to ${MAX_ADDRESSES} addresses`);
    const isDefault = input.isDefault === true || existing.length === 0;
    if (isDefault) await clearDefaultAddress(tx, userId);
    const now = Date.now();
    const row: AddressTable = {
      id: newId(),
      user_id: userId,
      ...columns(input),
      is_default: isDefault ? 1 : 0,
      created_at: now,
      updated_at: now,
    };
    await insertAddress(tx, row);
    return toAddress(row);
  });
}

export async function updateAddress(
  db: Db,
  userId: string,
  id: string,
  patch: Partial<AddressInput>,
): Promise<Address> {
  return inTransaction(db, async (tx) => {
    const current = await findOwn(tx, userId, id);
    if (patch.isDefault === true) await clearDefaultAddress(tx, userId);
    const row: AddressTable = {
      ...current,
      ...columns({ ...fromRow(current), ...patch }),
      is_default: patch.isDefault === true ? 1 : current.is_default,
      updated_at: Date.now(),
    };
    const { id: _id, ...changes } = row;
    await updateAddressRow(tx, id, changes);
    return toAddress(row);
  });
}

export async function deleteAddress(db: Db, userId: string, id: string): Promise<void> {
  await inTransaction(db, async (tx) => {
    const current = await findOwn(tx, userId, id);
    await deleteAddressRow(tx, id);
    if (current.is_default === 1) {
      const next = await findOldestAddressId(tx, userId);
      if (next) await makeDefaultAddress(tx, next);
    }
  });
}

async function findOwn(tx: Tx, userId: string, id: string): Promise<AddressTable> {
  // Another customer's address is "not found", never "forbidden": ids reveal nothing.
  const row = await findOwnAddress(tx, userId, id);
  if (!row) throw new NotFound('There is no such address');
  return row;
}

function columns(input: AddressInput) {
  return {
    label: input.label,
    recipient: input.recipient,
    phone: input.phone,
    house_street: input.houseStreet,
    floor_unit: input.floorUnit ?? null,
    village: input.village ?? null,
    sangkat: input.sangkat,
    khan: input.khan,
    province: input.province,
    landmark: input.landmark ?? null,
    delivery_notes: input.deliveryNotes ?? null,
  };
}

function fromRow(row: AddressTable): AddressInput {
  const { isDefault: _default, ...rest } = toAddress(row);
  return rest;
}

function toAddress(row: AddressTable): Address {
  return {
    id: row.id,
    label: row.label,
    recipient: row.recipient,
    phone: row.phone,
    houseStreet: row.house_street,
    floorUnit: row.floor_unit,
    village: row.village,
    sangkat: row.sangkat,
    khan: row.khan,
    province: row.province,
    landmark: row.landmark,
    deliveryNotes: row.delivery_notes,
    isDefault: row.is_default === 1,
  };
}
