import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * The counter PIN's verifier: scrypt with a random salt, as `scrypt1$<log2 N>$<salt>$<hash>` (base64url). The server
 * makes it when a staff member sets a PIN; counters get it in the pull and check a PIN offline. Node only (not in
 * the index, so the web shop's bundle never sees node:crypto): `@shop/shared/pin-verifier`.
 *
 * A PIN has 4 to 8 digits, so anyone holding a counter's database could try them all; the cost (about 50 ms a try
 * on a shop PC) makes that hours rather than seconds, and the counter's lockout stops guessing at the screen. The
 * PIN opens only that counter, for staff who proved themselves there online (password and mailed code) before.
 */
const LOG2_COST = 15;
const BLOCK_SIZE = 8;
const KEY_BYTES = 32;

function derive(pin: string, salt: Buffer, log2Cost: number): Promise<Buffer> {
  const N = 2 ** log2Cost;
  return new Promise((resolve, reject) =>
    scrypt(pin, salt, KEY_BYTES, { N, r: BLOCK_SIZE, p: 1, maxmem: 256 * N * BLOCK_SIZE }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function makePinVerifier(pin: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(pin, salt, LOG2_COST);
  return `scrypt1$${LOG2_COST}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Whether `pin` is the one the verifier was made from; false for a verifier this code cannot read. */
export async function checkPin(pin: string, verifier: string): Promise<boolean> {
  const [scheme, cost, salt, hash] = verifier.split('$');
  const log2Cost = Number(cost);
  if (scheme !== 'scrypt1' || !Number.isInteger(log2Cost) || log2Cost < 10 || log2Cost > 20 || !salt || !hash)
    return false;
  const expected = Buffer.from(hash, 'base64url');
  const key = await derive(pin, Buffer.from(salt, 'base64url'), log2Cost);
  return expected.length === key.length && timingSafeEqual(key, expected);
}
