import { ApiError, createShopClient, type LoginResult } from '@shop/shared';
import { PosError } from '../errors';
import { refuse } from '../refusals';

/**
 * Signing in at the counter online: the server checks the password and, for staff always, the code it mails. Only
 * then does the core remember that this person proved themselves on this counter (their PIN opens it offline
 * afterwards). The screen never says who signed in: the core learns it from the server's answer.
 *
 * The requests carry the device's token, so the server needs no browser CSRF cookie from the counter (a forged
 * cross-site request cannot set that header). The session the server opens is ended at once: the counter sells
 * under the cashier's name, not with their account.
 */
const CHALLENGE_MS = 10 * 60_000;

export function serverSignIn(options: {
  server: () => { serverUrl: string; token: string } | null;
  now: () => number;
  fetch?: typeof fetch;
  /** A server that stops answering must not leave the cashier at a spinner: they sign in by PIN instead. */
  timeoutMs?: number;
}) {
  const send = options.fetch ?? fetch;
  const { timeoutMs } = options;
  const timedFetch: typeof fetch = timeoutMs
    ? (input, init) => send(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })
    : send;
  // The password typed at the first step, kept in memory only until the code comes (the server may ask for both).
  const waiting = new Map<string, { password: string; until: number }>();

  const client = (bearer?: string) => {
    const server = options.server();
    if (!server) throw new PosError('not_paired', 'pair this counter with the shop server first');
    return createShopClient({
      baseUrl: server.serverUrl,
      headers: () => ({ authorization: `Bearer ${bearer ?? server.token}` }),
      fetch: timedFetch,
    });
  };

  const finish = async (answer: LoginResult): Promise<{ userId: string }> => {
    if ('otpRequired' in answer)
      throw new PosError('invalid', 'the server asked for another code: start again');
    if (answer.sessionToken)
      await client(answer.sessionToken)
        .logout({})
        .catch(() => {});
    if (answer.user.role !== 'staff' && answer.user.role !== 'admin')
      throw new PosError('forbidden', 'only staff and admins sign in at the counter');
    return { userId: answer.user.id };
  };

  return {
    async start(email: string, password: string): Promise<{ userId: string } | { challengeId: string }> {
      const answer = await asPosError(client().login({ body: { email, password, client: 'desktop' } }));
      if (!('otpRequired' in answer)) return finish(answer);
      const now = options.now();
      for (const [id, entry] of waiting) if (entry.until <= now) waiting.delete(id);
      waiting.set(answer.challengeId, { password, until: now + CHALLENGE_MS });
      return { challengeId: answer.challengeId };
    },
    async confirm(challengeId: string, code: string): Promise<{ userId: string }> {
      const entry = waiting.get(challengeId);
      if (!entry || entry.until <= options.now())
        throw new PosError('invalid', 'that sign-in has expired: enter your password again');
      const answer = await asPosError(
        client().loginOtp({ body: { challengeId, code, password: entry.password, client: 'desktop' } }),
      );
      waiting.delete(challengeId);
      return finish(answer);
    },
  };
}

/** The server's refusal in the counter's words; a network failure says the counter is offline. */
async function asPosError<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ApiError) {
      if (error.status === 429) throw new PosError('locked', error.message);
      if (error.status === 401 || error.status === 403) throw new PosError('forbidden', error.message);
      throw new PosError('invalid', error.message);
    }
    throw refuse('conflict', 'serverUnreachableUsePin');
  }
}
