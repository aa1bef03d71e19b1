import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { createDevice, listDevices, pairDevice, revokeDevice } from './service';

/** Counters: an admin creates and revokes them; a new counter trades its pairing code for its token. */
export function deviceHandlers(
  db: Db,
): Handlers<'createDevice' | 'listDevices' | 'revokeDevice' | 'pairDevice'> {
  return {
    createDevice: (input) => createDevice(db, { ...input.actor, userId: input.user.id }, input.body.name),
    listDevices: async () => ({ items: await listDevices(db) }),
    revokeDevice: (input) => revokeDevice(db, { ...input.actor, userId: input.user.id }, input.params.id),
    pairDevice: (input) => pairDevice(db, input.actor, input.body),
  };
}
