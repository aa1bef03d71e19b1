import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/database';
import type { Handlers, HandlerInput } from '../../http/routes';
import type { RouteDef } from '@shop/shared';
import { NotFound, Unauthenticated } from '../../http/errors';
import { createAddress, deleteAddress, listAddresses, updateAddress } from './addresses';
import { createUser, listUsers, updateUser } from './admin';
import {
  changePassword,
  forgotPassword,
  login,
  loginWithCode,
  register,
  resendVerification,
  resetPassword,
  verifyEmail,
  type AuthContext,
  type SessionGrant,
} from './auth';
import { mergeGuestCart } from '../cart/service';
import type { DeviceCookie } from './devices';
import { createHashLane } from './hash-lane';
import { hashPassword } from './passwords';
import { getUser, updateProfile } from './profile';
import { endAllSessions, endSession, listSessions } from './sessions';
import { defaultSignInPolicy, type SignInPolicy } from './sign-in-throttle';
import { SIGN_UP_COOKIE_LIFETIME_MS } from './sign-up-attempts';

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
  | 'listSessions'
  | 'revokeSession'
  | 'listAddresses'
  | 'createAddress'
  | 'updateAddress'
  | 'deleteAddress'
  | 'listUsers'
  | 'createUser'
  | 'updateUser';

export function accountHandlers(
  db: Db,
  publicUrl: string,
  options: { policy?: SignInPolicy } = {},
): Handlers<AccountRoutes | 'getCsrfToken'> {
  // Made on first use, once per server: what an unknown address's password is checked against.
  let decoy: Promise<string> | undefined;
  const decoyHash = () => (decoy ??= hashPassword(randomBytes(16).toString('hex')));
  const strangers = createHashLane();
  const ctx = (input: HandlerInput<RouteDef>): AuthContext => ({
    db,
    publicUrl,
    client: input.client,
    deviceToken: input.device.token,
    signUpAttempt: input.signUpAttempt.token,
    policy: options.policy ?? defaultSignInPolicy,
    decoyHash,
    strangers,
  });
  const rememberDevice = (input: HandlerInput<RouteDef>, device: DeviceCookie) =>
    input.device.remember(device.token, device.expiresAt);
  const me = (input: HandlerInput<RouteDef>) => {
    if (!input.user) throw new Unauthenticated();
    return input.user;
  };
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
      const user = me(input);
      await endSession(db, user.id, user.sessionId);
      input.session.end();
      return { ok: true as const };
    },
    logoutEverywhere: async (input) => {
      await endAllSessions(db, me(input).id);
      input.session.end();
      return { ok: true as const };
    },
    forgotPassword: (input) => forgotPassword(ctx(input), input.body.email),
    resetPassword: async (input) => {
      rememberDevice(input, (await resetPassword(ctx(input), input.body)).device);
      return { ok: true as const };
    },
    getSession: async ({ user }) => ({ user: user ? await getUser(db, user.id) : null }),
    getMe: async (input) => ({ user: await getUser(db, me(input).id) }),
    updateMe: async (input) => ({ user: await updateProfile(db, me(input), input.body, input.actor) }),
    changePassword: async (input) => {
      await changePassword(ctx(input), me(input), input.body);
      return { ok: true as const };
    },
    listSessions: async (input) => ({ items: await listSessions(db, me(input).id, me(input).sessionId) }),
    revokeSession: async (input) => {
      const user = me(input);
      if (!(await endSession(db, user.id, input.params.id))) throw new NotFound('There is no such session');
      if (input.params.id === user.sessionId) input.session.end();
      return { ok: true as const };
    },
    listAddresses: async (input) => ({ items: await listAddresses(db, me(input).id) }),
    createAddress: (input) => createAddress(db, me(input).id, input.body),
    updateAddress: (input) => updateAddress(db, me(input).id, input.params.id, input.body),
    deleteAddress: async (input) => {
      await deleteAddress(db, me(input).id, input.params.id);
      return { ok: true as const };
    },
    listUsers: (input) => listUsers(db, me(input), input.query),
    createUser: (input) => createUser(db, input.body, input.actor),
    updateUser: (input) => updateUser(db, me(input), input.params.id, input.body, input.actor),
  };
}
