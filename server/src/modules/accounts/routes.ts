import type { RouteDef } from '@shop/shared';
import type { Db } from '../../db/database';
import type { Handlers, HandlerInput } from '../../http/routes';
import { mergeGuestCart } from '../cart/service';
import { createAddress, deleteAddress, listAddresses, updateAddress } from './addresses';
import { authContexts, type SessionGrant } from './context';
import type { DeviceCookie } from './devices';
import { changePassword, forgotPassword, resetPassword } from './password-reset';
import { getUser, updateProfile } from './profile';
import { register, resendVerification, verifyEmail } from './registration';
import { endAllSessions, endSession, listSessions, revokeSession } from './sessions';
import { login, loginWithCode } from './sign-in';
import type { SignInPolicy } from './sign-in-throttle';
import { setCounterPin } from './counter-pin';
import { SIGN_UP_COOKIE_LIFETIME_MS } from './sign-up-attempts';
import { createUser, listUsers, updateUser } from './users';

type AccountRoutes =
  | 'register'
  | 'verifyEmail'
  | 'resendVerification'
  | 'login'
  | 'loginOtp'
  | 'logout'
  | 'logoutEverywhere'
  | 'forgotPassword'
  | 'resetPassword'
  | 'getSession'
  | 'getMe'
  | 'updateMe'
  | 'changePassword'
  | 'setCounterPin'
  | 'listSessions'
  | 'revokeSession'
  | 'listAddresses'
  | 'createAddress'
  | 'updateAddress'
  | 'deleteAddress'
  | 'listUsers'
  | 'createUser'
  | 'updateUser';

/**
 * The accounts handlers: each takes the parsed input and calls a service named for its concern (sign-in.ts,
 * registration.ts, password-reset.ts, sessions.ts, profile.ts, addresses.ts, users.ts), which reaches the
 * database only through the repos (repo.ts, *-repo.ts). Here only what is HTTP: cookies and the session's form.
 */
export function accountHandlers(
  db: Db,
  publicUrl: string,
  options: { policy?: SignInPolicy } = {},
): Handlers<AccountRoutes | 'getCsrfToken'> {
  const contextOf = authContexts(db, publicUrl, options.policy);
  const ctx = (input: HandlerInput<RouteDef>) =>
    contextOf({
      client: input.client,
      deviceToken: input.device.token,
      signUpAttempt: input.signUpAttempt.token,
    });
  const rememberDevice = (input: HandlerInput<RouteDef>, device: DeviceCookie) =>
    input.device.remember(device.token, device.expiresAt);
  /** Browsers get the session as an HttpOnly cookie; the desktop app asks for it in the answer. */
  const signIn = async (
    input: HandlerInput<RouteDef>,
    grant: SessionGrant,
    client: 'web' | 'desktop' | undefined,
  ) => {
    if (input.cart.token) {
      await mergeGuestCart(db, input.cart.token, grant.user.id);
      // The cookie stays: it marks the browser across its accounts for the limits on unpaid orders (orders/holds.ts).
    }
    rememberDevice(input, grant.device);
    if (client === 'desktop') return { user: grant.user, next: grant.next, sessionToken: grant.token };
    input.session.start(grant.token, grant.expiresAt);
    return { user: grant.user, next: grant.next };
  };

  return {
    getCsrfToken: async (input) => ({ csrfToken: input.csrfToken }),
    register: async (input) => {
      const accepted = await register(ctx(input), input.body);
      // The browser keeps its attempt in an HttpOnly cookie; a client without cookies sends `attempt` back.
      input.signUpAttempt.remember(accepted.attempt, Date.now() + SIGN_UP_COOKIE_LIFETIME_MS);
      return accepted;
    },
    resendVerification: (input) => resendVerification(ctx(input), input.body),
    verifyEmail: async (input) => signIn(input, await verifyEmail(ctx(input), input.body), 'web'),
    login: async (input) => {
      const outcome = await login(ctx(input), input.body);
      if (outcome.kind === 'code-sent')
        return { otpRequired: true as const, challengeId: outcome.challengeId };
      return signIn(input, outcome, input.body.client);
    },
    loginOtp: async (input) => signIn(input, await loginWithCode(ctx(input), input.body), input.body.client),
    logout: async (input) => {
      const { user } = input;
      await endSession(db, user.id, user.sessionId);
      input.session.end();
      return { ok: true as const };
    },
    logoutEverywhere: async (input) => {
      await endAllSessions(db, input.user.id);
      input.session.end();
      return { ok: true as const };
    },
    forgotPassword: (input) => forgotPassword(ctx(input), input.body.email),
    resetPassword: async (input) => {
      rememberDevice(input, (await resetPassword(ctx(input), input.body)).device);
      return { ok: true as const };
    },
    getSession: async ({ user }) => ({ user: user ? await getUser(db, user.id) : null }),
    getMe: async (input) => ({ user: await getUser(db, input.user.id) }),
    updateMe: async (input) => ({ user: await updateProfile(db, input.user, input.body, input.actor) }),
    changePassword: async (input) => {
      await changePassword(ctx(input), input.user, input.body);
      return { ok: true as const };
    },
    setCounterPin: async (input) => {
      await setCounterPin(ctx(input), input.user, input.body);
      return { ok: true as const };
    },
    listSessions: async (input) => ({ items: await listSessions(db, input.user.id, input.user.sessionId) }),
    revokeSession: async (input) => {
      const { user } = input;
      await revokeSession(db, user.id, input.params.id);
      if (input.params.id === user.sessionId) input.session.end();
      return { ok: true as const };
    },
    listAddresses: async (input) => ({ items: await listAddresses(db, input.user.id) }),
    createAddress: (input) => createAddress(db, input.user.id, input.body),
    updateAddress: (input) => updateAddress(db, input.user.id, input.params.id, input.body),
    deleteAddress: async (input) => {
      await deleteAddress(db, input.user.id, input.params.id);
      return { ok: true as const };
    },
    listUsers: (input) => listUsers(db, input.user, input.query),
    createUser: (input) => createUser(db, input.body, input.actor),
    updateUser: (input) => updateUser(db, input.user, input.params.id, input.body, input.actor),
  };
}
