import { z } from 'zod';

/**
 * Counters (desktop POS installs) the shop has paired. An admin creates a device and reads its one-time pairing code
 * to the person setting up the counter; the desktop trades the code for its own token, which the sync routes take as
 * `Authorization: Bearer`. Revoking a device makes its token answer 401 at once.
 */

/** A pairing code is valid this long after the admin made it. */
export const pairingCodeLifetimeMs = 15 * 60 * 1000;

export const deviceNameSchema = z
  .string({ error: 'name the counter, e.g. "Front counter"' })
  .trim()
  .min(1, 'name the counter, e.g. "Front counter"')
  .max(60, 'use at most 60 characters');

export const createDeviceBodySchema = z.object({ name: deviceNameSchema });

export const deviceRefSchema = z.object({ id: z.string(), name: z.string() }).meta({ id: 'DeviceRef' });

export const createdDeviceSchema = z
  .object({ device: deviceRefSchema, pairingCode: z.string(), expiresAt: z.number().int() })
  .meta({ id: 'CreatedDevice' });
export type CreatedDevice = z.infer<typeof createdDeviceSchema>;

export const pairDeviceBodySchema = z.object({
  pairingCode: z.string().trim().min(1, 'enter the pairing code').max(40),
  /** The desktop's version, shown to admins. */
  appVersion: z.string().trim().max(40).optional(),
});

export const pairedDeviceSchema = z
  .object({ device: deviceRefSchema, token: z.string() })
  .meta({ id: 'PairedDevice' });
export type PairedDevice = z.infer<typeof pairedDeviceSchema>;

export const deviceStatuses = ['awaiting_pairing', 'paired', 'revoked'] as const;
export type DeviceStatus = (typeof deviceStatuses)[number];

export const deviceSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    status: z.enum(deviceStatuses),
    createdAt: z.number().int(),
    pairedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
    /** The last request with the device's token. */
    lastSeenAt: z.number().int().nullable(),
    /** The last pull or push. */
    lastSyncAt: z.number().int().nullable(),
    appVersion: z.string().nullable(),
    /** Items the device said it still had queued at its last push. */
    pendingCount: z.number().int(),
    /** Pushed items the server parked for staff (not yet fixed or discarded). */
    parkedCount: z.number().int(),
  })
  .meta({ id: 'Device' });
export type Device = z.infer<typeof deviceSchema>;

export const deviceListSchema = z.object({ items: z.array(deviceSchema) }).meta({ id: 'DeviceList' });

/** A counter PIN: 4 to 8 digits, not all the same digit and not a straight run (1234, 9876). */
export const counterPinSchema = z
  .string({ error: 'enter a PIN of 4 to 8 digits' })
  .regex(/^[0-9]{4,8}$/, 'enter a PIN of 4 to 8 digits')
  .refine((pin) => !/^(.)\1+$/.test(pin), 'a PIN of one digit repeated is guessed first: choose another')
  .refine((pin) => !isStraightRun(pin), 'a PIN like 1234 or 9876 is guessed first: choose another');

function isStraightRun(pin: string): boolean {
  const steps = new Set<number>();
  for (let i = 1; i < pin.length; i++) steps.add(pin.charCodeAt(i) - pin.charCodeAt(i - 1));
  return steps.size === 1 && (steps.has(1) || steps.has(-1));
}

/** Setting a PIN asks for the password again: a session left open must not become a counter PIN. */
export const counterPinInputSchema = z.object({
  pin: counterPinSchema,
  password: z.string().min(1, 'enter your password').max(200),
});
