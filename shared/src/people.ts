import { z } from 'zod';
import { email, localeSchema, newPassword, userSchema } from './accounts';
import { personName } from './text';

/**
 * Staff invitations and what admins see of people's sign-ins (issue 13, users). An invitation mails a one-time link;
 * whoever opens it chooses a password and becomes staff (or admin), then signs in with a mailed code as staff do.
 */

/** Only people who run the shop are invited; customers sign up themselves. */
export const invitedRoles = ['staff', 'admin'] as const;
export const invitationStatuses = ['pending', 'accepted', 'revoked', 'expired'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export const invitationInputSchema = z
  .object({
    email,
    name: personName('enter the name of the person you invite'),
    role: z.enum(invitedRoles),
    /** The language of the invitation mail and of the new account. */
    locale: localeSchema.optional(),
  })
  .meta({ id: 'InvitationInput' });
export type InvitationInput = z.infer<typeof invitationInputSchema>;

export const invitationSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(invitedRoles),
    status: z.enum(invitationStatuses),
    invitedBy: z.string().nullable(),
    invitedByName: z.string().nullable(),
    createdAt: z.number().int(),
    expiresAt: z.number().int(),
    /** Set once accepted: the account it made. */
    userId: z.string().nullable(),
    acceptedAt: z.number().int().nullable(),
    revokedAt: z.number().int().nullable(),
  })
  .meta({ id: 'Invitation' });
export type Invitation = z.infer<typeof invitationSchema>;

export const invitationListQuerySchema = z.object({
  status: z.enum(invitationStatuses).optional(),
  q: z.string().trim().max(120).optional(),
  sort: z.enum(['newest', 'oldest', 'email']).default('newest'),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const invitationListSchema = z
  .object({
    items: z.array(invitationSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'InvitationList' });

export const acceptInvitationInputSchema = z
  .object({
    token: z.string().min(20).max(200),
    password: newPassword,
  })
  .meta({ id: 'AcceptInvitationInput' });

/**
 * One account as its page in the back office shows it: a row of the users list, plus whether a counter PIN is set
 * (what resetting the sign-in clears).
 */
export const personSchema = userSchema
  .extend({
    /** When the counter PIN was set (epoch ms); null when there is none. */
    counterPinSetAt: z.number().int().nullable(),
  })
  .meta({ id: 'Person' });
export type Person = z.infer<typeof personSchema>;

/** One sign-in of an account as the audit log recorded it. */
export const signInRecordSchema = z
  .object({
    id: z.string(),
    at: z.number().int(),
    /** `signed_in`; `failed` (wrong password); `code_sent` (the password was right, a code was mailed). */
    outcome: z.enum(['signed_in', 'failed', 'code_sent']),
    ip: z.string().nullable(),
    /** Recorded from this release on; older rows have none. */
    userAgent: z.string().nullable(),
    /** How the sign-in was completed: `email` for a mailed code, `invitation` for an accepted invitation. */
    secondFactor: z.string().nullable(),
    /** The session it started, when it is still live. */
    sessionLive: z.boolean(),
  })
  .meta({ id: 'SignInRecord' });

export const signInListQuerySchema = z.object({
  outcome: z.enum(['signed_in', 'failed', 'code_sent']).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const signInListSchema = z
  .object({
    items: z.array(signInRecordSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'SignInList' });
