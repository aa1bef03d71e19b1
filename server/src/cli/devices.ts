import { deviceNameSchema } from '@shop/shared';
import { AppError } from '../http/errors';
import { systemActor } from '../modules/audit/audit';
import { createDevice, listDevices, revokeDevice } from '../modules/devices/service';
import { openForCli, parseOptions } from './open';

/**
 * Counters from the command line, for a shop setting up its first counter before it has a back office screen:
 * the same services as the admin routes, audited as the system.
 */
export async function deviceCommand(command: string, args: string[], usage: string): Promise<number> {
  const options = parseOptions(args);
  if (command === 'create-device') {
    const name = deviceNameSchema.safeParse(options.name);
    if (!name.success) {
      console.error(`create-device needs --name, e.g. --name "Front counter"\n\n${usage}`);
      return 1;
    }
  }
  if (command === 'revoke-device' && !args[0]) {
    console.error(`revoke-device needs the device's id (see: npm run shop -- devices)\n\n${usage}`);
    return 1;
  }
  const { database } = await openForCli();
  try {
    if (command === 'create-device') {
      const created = await createDevice(database.db, systemActor, deviceNameSchema.parse(options.name));
      console.log(`Counter "${created.device.name}" (${created.device.id}) created.`);
      console.log(`Pairing code: ${created.pairingCode}`);
      console.log(
        `Enter it on the counter before ${new Date(created.expiresAt).toLocaleTimeString()}; it works once.`,
      );
      return 0;
    }
    if (command === 'revoke-device') {
      const device = await revokeDevice(database.db, systemActor, args[0]!);
      console.log(`Counter "${device.name}" (${device.id}) revoked: its token no longer works.`);
      return 0;
    }
    const devices = await listDevices(database.db);
    if (devices.length === 0)
      console.log('No counters yet: npm run shop -- create-device --name "Front counter"');
    for (const d of devices) {
      const seen = d.lastSeenAt ? new Date(d.lastSeenAt).toISOString() : 'never';
      const synced = d.lastSyncAt ? new Date(d.lastSyncAt).toISOString() : 'never';
      console.log(
        `${d.id}  ${d.name}  ${d.status}  seen ${seen}  synced ${synced}  queued ${d.pendingCount}  parked ${d.parkedCount}` +
          (d.appVersion ? `  app ${d.appVersion}` : ''),
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(error.message);
    return 1;
  } finally {
    await database.close();
  }
}
