import { z } from 'zod';
import { isProvince } from './delivery';
import { cambodianPhone } from './phone';
import { roles } from './permissions';
import { lineText, multilineText, personName } from './text';

/** Accounts: sign-up, sign-in with a mailed code, sessions, profile and Cambodian addresses. */

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email('enter an email address such as name@example.com'));
export const newPassword = z
  .string()
  .min(10, 'use at least 10 characters')
  .max(200, 'use at most 200 characters')
  .refine((p) => p.trim().length >= 10, 'use at least 10 characters that are not spaces');
const otpCode = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'enter the 6-digit code from the email');
export const localeSchema = z.enum(['en', 'km']);
export type Locale = z.infer<typeof localeSchema>;
/** A language as stored (a column, an outbox row): Khmer where it says so, English for anything else. */
export const asLocale = (value: string | null | undefined): Locale => (value === 'km' ? 'km' : 'en');
/** A path of this site to go to after signing in; anything else (another site, a scheme) is ignored. */
const nextPath = z.string().max(500).optional();

export const userStatuses = ['unverified', 'active', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(roles),
    status: z.enum(userStatuses),
    phone: z.string().nullable(),
    locale: localeSchema,
    /** Whether signing in asks for a mailed code; always true for staff and admins. */
    otpLogin: z.boolean(),
    createdAt: z.number().int(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof userSchema>;

export const registerInputSchema = z
  .object({
    email,
    password: newPassword,
    name: personName('enter your name'),
    locale: localeSchema.optional(),
  })
  .meta({ id: 'RegisterInput' });
export type RegisterInput = z.infer<typeof registerInputSchema>;

/**
 * The sign-up attempt token that `POST /auth/register` answers: a code is checked only against the attempt of the
 * client entering it. Browsers keep it in an HttpOnly cookie and need not send it; a client without cookies sends
 * it back with the code (and with a request for a new code).
 */
const signUpAttempt = z
  .string()
  .regex(/^[A-Za-z0-9_-]{43}$/, 'send back the attempt value that the sign-up answered')
  .optional();

export const verifyEmailInputSchema = z
  .object({ email, code: otpCode, attempt: signUpAttempt, next: nextPath })
  .meta({ id: 'VerifyEmailInput' });
export const resendVerificationInputSchema = z
  .object({ email, attempt: signUpAttempt })
  .meta({ id: 'ResendVerificationInput' });

export const loginInputSchema = z
  .object({
    email,
    password: z.string().min(1, 'enter your password').max(200),
    next: nextPath,
    /** The desktop app asks for its session as a bearer token instead of a cookie. */
    client: z.enum(['web', 'desktop']).optional(),
  })
  .meta({ id: 'LoginInput' });
export type LoginInput = z.infer<typeof loginInputSchema>;

export const loginOtpInputSchema = z
  .object({
    challengeId: z.string().min(1).max(40),
    code: otpCode,
    /**
     * The password again. Needed when sign-ins are throttled (an attack on the account or the shop): then the mailed
     * code is checked before the password, so both come together; otherwise ignored.
     */
    password: z.string().min(1, 'enter your password').max(200).optional(),
    next: nextPath,
    client: z.enum(['web', 'desktop']).optional(),
  })
  .meta({ id: 'LoginOtpInput' });
export type LoginOtpInput = z.infer<typeof loginOtpInputSchema>;

export const signedInSchema = z
  .object({
    user: userSchema,
    /** Where to go now: the requested `next` when it is a path of this site, else "/". */
    next: z.string(),
    /** Only for `client: "desktop"`: the session as a bearer token. */
    sessionToken: z.string().optional(),
  })
  .meta({ id: 'SignedIn' });
export type SignedIn = z.infer<typeof signedInSchema>;

export const loginResultSchema = z
  .union([signedInSchema, z.object({ otpRequired: z.literal(true), challengeId: z.string() })])
  .meta({ id: 'LoginResult' });
export type LoginResult = z.infer<typeof loginResultSchema>;

export const acceptedSchema = z
  .object({ status: z.literal('accepted'), message: z.string() })
  .meta({ id: 'Accepted' });
/** The answer to a sign-up, whatever the address: `attempt` is the token a client without cookies sends back. */
export const registerAcceptedSchema = acceptedSchema
  .extend({ attempt: z.string() })
  .meta({ id: 'RegisterAccepted' });

export const forgotPasswordInputSchema = z.object({ email }).meta({ id: 'ForgotPasswordInput' });
export const resetPasswordInputSchema = z
  .object({ token: z.string().min(20).max(200), password: newPassword })
  .meta({ id: 'ResetPasswordInput' });
export const changePasswordInputSchema = z
  .object({ currentPassword: z.string().min(1).max(200), newPassword })
  .meta({ id: 'ChangePasswordInput' });

export const profilePatchSchema = z
  .object({
    name: personName('enter your name').optional(),
    phone: cambodianPhone().nullable().optional(),
    locale: localeSchema.optional(),
    otpLogin: z.boolean().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .meta({ id: 'ProfilePatch' });
export type ProfilePatch = z.infer<typeof profilePatchSchema>;

export const sessionInfoSchema = z
  .object({
    id: z.string(),
    current: z.boolean(),
    createdAt: z.number().int(),
    lastSeenAt: z.number().int(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
  })
  .meta({ id: 'SessionInfo' });

/** A Cambodian delivery address: house and street, village (phum), sangkat/commune, khan/district, province. */
export const addressInputSchema = z
  .object({
    label: lineText(40).min(1),
    recipient: personName('who receives the delivery'),
    phone: cambodianPhone(),
    houseStreet: lineText(200).min(1, 'house number and street'),
    floorUnit: lineText(60).nullable().optional(),
    village: lineText(120).nullable().optional(),
    sangkat: lineText(120).min(1, 'sangkat or commune'),
    khan: lineText(120).min(1, 'khan or district'),
    /** One of Cambodia's provinces by its English name: the delivery is priced by it. */
    province: z
      .string({ error: 'choose the province or Phnom Penh from the list' })
      .refine((name): boolean => isProvince(name), 'choose the province or Phnom Penh from the list'),
    landmark: lineText(200).nullable().optional(),
    deliveryNotes: multilineText(500).nullable().optional(),
    isDefault: z.boolean().optional(),
  })
  .meta({ id: 'AddressInput' });
export type AddressInput = z.infer<typeof addressInputSchema>;

export const addressPatchSchema = addressInputSchema
  .partial()
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .meta({ id: 'AddressPatch' });

export const addressSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    recipient: z.string(),
    phone: z.string(),
    houseStreet: z.string(),
    floorUnit: z.string().nullable(),
    village: z.string().nullable(),
    sangkat: z.string(),
    khan: z.string(),
    province: z.string(),
    landmark: z.string().nullable(),
    deliveryNotes: z.string().nullable(),
    isDefault: z.boolean(),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof addressSchema>;

export const userListQuerySchema = z.object({
  q: z.string().trim().max(120).optional(),
  role: z.enum(roles).optional(),
  status: z.enum(userStatuses).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export const userListSchema = z
  .object({
    items: z.array(userSchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'UserList' });

export const userCreateInputSchema = z
  .object({ email, name: personName(), role: z.enum(roles), password: newPassword })
  .meta({ id: 'UserCreateInput' });
export const userAdminPatchSchema = z
  .object({
    role: z.enum(roles).optional(),
    status: z.enum(['active', 'disabled']).optional(),
    name: personName().optional(),
  })
  .refine((p) => Object.keys(p).length > 0, 'send at least one field to change')
  .meta({ id: 'UserAdminPatch' });
