import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { authContexts } from '../accounts/context';
import { acceptInvitation } from './accept-invitation';
import { inviteStaff, listInvitations, resendInvitation, revokeInvitation } from './invitations';
import { getPerson } from './person';
import { resetSecondFactor } from './second-factor';
import { listSignIns } from './sign-ins';

type PeopleRoutes =
  | 'inviteStaff'
  | 'listInvitations'
  | 'resendInvitation'
  | 'revokeInvitation'
  | 'acceptInvitation'
  | 'getUser'
  | 'resetSecondFactor'
  | 'listUserSignIns';

/**
 * Staff invitations, one person's page and what admins do for people's sign-ins (invitations.ts, person.ts,
 * second-factor.ts, sign-ins.ts).
 */
export function peopleHandlers(db: Db, publicUrl: string): Handlers<PeopleRoutes> {
  const contextOf = authContexts(db, publicUrl);
  return {
    inviteStaff: ({ body, actor }) => inviteStaff(db, publicUrl, body, actor),
    listInvitations: ({ query }) => listInvitations(db, query),
    resendInvitation: ({ params, actor }) => resendInvitation(db, publicUrl, params.id, actor),
    revokeInvitation: ({ params, actor }) => revokeInvitation(db, params.id, actor),
    acceptInvitation: (input) =>
      acceptInvitation(
        contextOf({ client: input.client, deviceToken: input.device.token, signUpAttempt: null }),
        input.body,
      ),
    getUser: ({ params }) => getPerson(db, params.id),
    resetSecondFactor: async ({ params, actor }) => ({ user: await resetSecondFactor(db, params.id, actor) }),
    listUserSignIns: ({ params, query }) => listSignIns(db, params.id, query),
  };
}
