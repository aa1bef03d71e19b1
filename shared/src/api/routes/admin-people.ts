import { z } from 'zod';
import { loginResultSchema, userSchema } from '../../accounts';
import {
  acceptInvitationInputSchema,
  invitationInputSchema,
  invitationListQuerySchema,
  invitationListSchema,
  invitationSchema,
  personSchema,
  signInListQuerySchema,
  signInListSchema,
} from '../../people';
import { defineRoute, publicAccess, requires } from '../route';
import { idParam } from './common';

/** Staff invitations, and what admins do for people beyond their role and status (issue 13, users). */
export const adminPeopleRoutes = {
  inviteStaff: defineRoute({
    method: 'post',
    path: '/admin/users/invitations',
    summary:
      'Invite a staff member or admin: a one-time link valid 72 hours is mailed. An address that already has an account cannot be invited (change its role instead)',
    tag: 'back office',
    access: requires('users.manage'),
    body: invitationInputSchema,
    response: invitationSchema,
    status: 201,
    errors: [409],
  }),
  listInvitations: defineRoute({
    method: 'get',
    path: '/admin/users/invitations',
    summary: 'Staff invitations, newest first, by status',
    tag: 'back office',
    access: requires('users.manage'),
    query: invitationListQuerySchema,
    response: invitationListSchema,
  }),
  // After the invitation routes: Express tries routes in this order, and /admin/users/invitations is not an id.
  getUser: defineRoute({
    method: 'get',
    path: '/admin/users/:id',
    summary:
      'One account as a row of the users list answers it, plus when its counter PIN was set (the page of a person, opened by its address)',
    tag: 'back office',
    access: requires('users.manage'),
    params: idParam,
    response: personSchema,
    errors: [404],
  }),
  resendInvitation: defineRoute({
    method: 'post',
    path: '/admin/users/invitations/:id/resend',
    summary:
      'Mail a new link for an invitation not yet accepted (the old link stops working), valid 72 hours again',
    tag: 'back office',
    access: requires('users.manage'),
    params: idParam,
    response: invitationSchema,
    errors: [404, 409],
  }),
  revokeInvitation: defineRoute({
    method: 'delete',
    path: '/admin/users/invitations/:id',
    summary: 'Withdraw an invitation not yet accepted: its link stops working',
    tag: 'back office',
    access: requires('users.manage'),
    params: idParam,
    response: invitationSchema,
    errors: [404, 409],
  }),
  acceptInvitation: defineRoute({
    method: 'post',
    path: '/auth/invitations/accept',
    summary:
      'Accept a staff invitation with the mailed token and choose a password; then sign in as staff do, with a mailed code (answers as POST /auth/login)',
    tag: 'accounts',
    access: publicAccess,
    body: acceptInvitationInputSchema,
    response: loginResultSchema,
    errors: [409, 429],
  }),
  resetSecondFactor: defineRoute({
    method: 'post',
    path: '/admin/users/:id/second-factor/reset',
    summary:
      "Reset a staff member's sign-in: their counter PIN is cleared (counters learn it at their next pull), trusted browsers are forgotten and every session ends",
    tag: 'back office',
    access: requires('users.manage'),
    params: idParam,
    response: z.object({ user: userSchema }),
    errors: [404],
  }),
  listUserSignIns: defineRoute({
    method: 'get',
    path: '/admin/users/:id/sign-ins',
    summary:
      'Sign-in history of an account, newest first: when, from where, which browser, and whether it worked',
    tag: 'back office',
    access: requires('users.manage'),
    params: idParam,
    query: signInListQuerySchema,
    response: signInListSchema,
    errors: [404],
  }),
} as const;
