import type { Role } from '@shop/shared';
import { PosError } from '../errors';
import type { serverSignIn } from '../staff/online-sign-in';
import type { StaffMember } from '../staff/sign-in';
import { checkedRequest, toFetchInit, toServerAnswer, type ServerAnswer } from './server-request';

/** Who holds the back office on this counter now. */
export interface BackOfficeHolder {
  id: string;
  name: string;
  role: Role;
}

export interface BackOfficeOptions {
  signIn: ReturnType<typeof serverSignIn>;
  serverUrl: () => string | null;
  /** The email the server knows the signed-in cashier by (the counter pulled it with the staff list). */
  emailOf: (staffId: string) => string | null;
  now: () => number;
  /** The back office closes itself after this long without a request (a counter left open at lunch). */
  idleMs: number;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * The back office at a counter: the cashier signed in at the counter proves themselves to the server again (password
 * and the mailed code), and the core keeps the server's session in memory (never on disk) for the back-office
 * screens' requests. It is theirs only: it closes when they sign out, another cashier takes the counter, or it
 * sits idle; the server decides what they may do, as for any of its sessions.
 */
export function backOfficeSession(options: BackOfficeOptions) {
  const send = options.fetch ?? fetch;
  let held: (BackOfficeHolder & { sessionToken: string; usedAt: number }) | null = null;

  const close = async () => {
    const closing = held;
    held = null;
    if (closing) await options.signIn.endSession(closing.sessionToken);
  };

  /** The holder, if still theirs: the cashier at the counter now, and not idle too long. */
  const current = (cashier: StaffMember | null): typeof held => {
    if (!held) return null;
    if (cashier?.id !== held.id || options.now() - held.usedAt > options.idleMs) {
      void close();
      return null;
    }
    return held;
  };

  const opened = async (
    cashier: StaffMember,
    answer: { userId: string; role: Role; sessionToken?: string },
  ): Promise<BackOfficeHolder> => {
    if (!answer.sessionToken) throw new PosError('forbidden', 'the server opened no session: sign in again');
    if (answer.userId !== cashier.id) {
      // Somebody else's password at this cashier's counter: the back office is for the person signed in here.
      await options.signIn.endSession(answer.sessionToken);
      throw new PosError('forbidden', 'sign in to the back office as the cashier signed in at this counter');
    }
    await close();
    held = {
      id: cashier.id,
      name: cashier.name,
      role: answer.role,
      sessionToken: answer.sessionToken,
      usedAt: options.now(),
    };
    return holder(held);
  };

  return {
    /** The server session while the back office is open and not idle: what the notification bell listens with. */
    sessionToken: (): string | null =>
      held && options.now() - held.usedAt <= options.idleMs ? held.sessionToken : null,

    current: (cashier: StaffMember | null): BackOfficeHolder | null => {
      const now = current(cashier);
      return now && holder(now);
    },

    async open(
      cashier: StaffMember,
      password: string,
    ): Promise<{ opened: BackOfficeHolder } | { codeRequired: true; challengeId: string }> {
      const email = options.emailOf(cashier.id);
      if (!email) throw new PosError('not_found', 'this counter does not know your email yet: sync first');
      if (typeof password !== 'string' || !password) throw new PosError('invalid', 'enter your password');
      const answer = await options.signIn.start(email, password, true);
      if ('challengeId' in answer) return { codeRequired: true, challengeId: answer.challengeId };
      return { opened: await opened(cashier, answer) };
    },

    async confirm(cashier: StaffMember, challengeId: string, code: string): Promise<BackOfficeHolder> {
      return opened(cashier, await options.signIn.confirm(challengeId, code, true));
    },

    close,

    /** Sends one of the screens' requests with the session; a session the server ended closes the back office. */
    async request(cashier: StaffMember | null, input: unknown): Promise<ServerAnswer> {
      const request = checkedRequest(input);
      const session = current(cashier);
      const serverUrl = options.serverUrl();
      if (!session) throw new PosError('forbidden', 'open the back office first');
      if (!serverUrl) throw new PosError('not_paired', 'pair this counter with the shop server first');
      session.usedAt = options.now();
      let response: Response;
      try {
        response = await send(`${serverUrl}${request.path}`, {
          ...toFetchInit(request, session.sessionToken),
          signal: AbortSignal.timeout(options.timeoutMs),
          redirect: 'error',
        });
      } catch {
        throw new PosError('offline', 'the shop server cannot be reached: the back office needs it');
      }
      if (response.status === 401 && held === session) held = null;
      return toServerAnswer(response);
    },
  };
}

function holder({ id, name, role }: BackOfficeHolder): BackOfficeHolder {
  return { id, name, role };
}
