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
  const waiting = new Map<string, { password: string; until: number; keep: boolean }>();

  const client = (bearer?: string) => {
    const server = options.server();
    if (!server) throw new PosError('not_paired', 'pair this counter with the shop server first');
    return createShopClient({
      baseUrl: server.serverUrl,
      headers: () => ({ authorization: `Bearer ${bearer ?? server.token}` }),
      fetch: timedFetch,
    });
  };

  /** Ends a server session this counter holds (best effort: an unreachable server lets it expire on its own). */
  const endSession = async (sessionToken: string) =>
    client(sessionToken)
      .logout({})
      .catch(() => {});

  const finish = async (answer: LoginResult, keep: boolean): Promise<OnlineSignIn> => {
    if ('otpRequired' in answer)
      throw new PosError('invalid', 'the server asked for another code: start again');
    const staffMember = answer.user.role === 'staff' || answer.user.role === 'admin';
    // The session is kept only for the back office, and only for staff: the counter sells under the cashier's name.
    if (answer.sessionToken && !(keep && staffMember)) await endSession(answer.sessionToken);
    if (!staffMember) throw new PosError('forbidden', 'only staff and admins sign in at the counter');
    return {
      userId: answer.user.id,
      role: answer.user.role as 'staff' | 'admin',
      ...(keep && answer.sessionToken && { sessionToken: answer.sessionToken }),
    };
  };

  return {
    /** `keep`: the server's session is kept and answered (the back office works through it); else ended at once. */
    async start(
      email: string,
      password: string,
      keep = false,
    ): Promise<OnlineSignIn | { challengeId: string }> {
      const answer = await asPosError(client().login({ body: { email, password, client: 'desktop' } }));
      if (!('otpRequired' in answer)) return finish(answer, keep);
      const now = options.now();
      for (const [id, entry] of waiting) if (entry.until <= now) waiting.delete(id);
      waiting.set(answer.challengeId, { password, until: now + CHALLENGE_MS, keep });
      return { challengeId: answer.challengeId };
    },
    /** `keep` must match the start's: a counter sign-in's code never opens the back office, nor the other way. */
    async confirm(challengeId: string, code: string, keep = false): Promise<OnlineSignIn> {
      const entry = waiting.get(challengeId);
      if (!entry || entry.until <= options.now() || entry.keep !== keep)
        throw new PosError('invalid', 'that sign-in has expired: enter your password again');
      const answer = await asPosError(
        client().loginOtp({ body: { challengeId, code, password: entry.password, client: 'desktop' } }),
      );
      waiting.delete(challengeId);
      return finish(answer, entry.keep);
    },
    endSession,
  };
}

export interface OnlineSignIn {
  userId: string;
  role: 'staff' | 'admin';
  /** Only when asked to keep it (the back office): the server's session, held in memory, never written down. */
  sessionToken?: string;
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
