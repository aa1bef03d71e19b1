import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';

const notYet = async (): Promise<never> => {
  throw new Error('not built yet (issue 11: devices)');
};

/** Counters: an admin creates and revokes them; a new counter trades its pairing code for its token. */
export function deviceHandlers(
  _db: Db,
): Handlers<'createDevice' | 'listDevices' | 'revokeDevice' | 'pairDevice' | 'setCounterPin'> {
  return {
    createDevice: notYet,
    listDevices: notYet,
    revokeDevice: notYet,
    pairDevice: notYet,
    setCounterPin: notYet,
  };
}
