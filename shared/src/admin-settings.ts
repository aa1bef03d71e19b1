import { z } from 'zod';

/**
 * The back office's settings screens and audit log: what the server answers and accepts. The settings themselves
 * keep their rules in settings.ts; here are the secrets beside them (the Bakong token, the mail server's password),
 * which are written but never read back, and the audit log's list.
 */

/** One setting as the server uses it now (settings.ts's rules, defaults filled in, secrets hidden). */
export const adminSettingSchema = z
  .object({
    key: z.string(),
    /** What the setting is for; null for a stored row no screen edits (another module's). */
    title: z.string().nullable(),
    value: z.unknown(),
    stored: z.boolean(),
    updatedAt: z.number().int().nullable(),
    /** A stored value that breaks the rules, and what is wrong (the server then uses defaults). */
    problem: z.string().nullable(),
  })
  .meta({ id: 'AdminSetting' });
export type AdminSetting = z.infer<typeof adminSettingSchema>;

export const settingKeyParam = z.object({ key: z.string().min(1).max(60) });

/** A whole new value for one setting: the screen sends the form as it is, the server checks it. */
export const settingChangeInputSchema = z.object({ value: z.unknown() }).meta({ id: 'SettingChangeInput' });

// --- the Bakong token ------------------------------------------------------------------------------------------

/** Where the token the payment job uses comes from: the back office, BAKONG_TOKEN, the stand-in's, or nowhere. */
export const bakongTokenSources = ['settings', 'environment', 'standin', 'none'] as const;

/** What an admin may know of the Bakong token: never the token. */
export const bakongTokenStatusSchema = z
  .object({
    /** A token was entered in the back office (it then wins over BAKONG_TOKEN). */
    set: z.boolean(),
    source: z.enum(bakongTokenSources),
    /** When the token in use stops working (epoch ms), read from it when it is a JWT; null when unknown. */
    expiresAt: z.number().int().nullable(),
    /** Something to do about it: no token, or one that has expired or expires within 14 days. */
    warning: z.string().nullable(),
    updatedAt: z.number().int().nullable(),
  })
  .meta({ id: 'BakongTokenStatus' });
export type BakongTokenStatus = z.infer<typeof bakongTokenStatusSchema>;

// Tokens Bakong issues are JWTs of a few hundred characters; anything with spaces or line breaks is a paste error.
export const bakongTokenInputSchema = z
  .object({
    /** The new token, or null to forget the one entered (BAKONG_TOKEN, if set, is used again). */
    token: z
      .string({ error: 'paste the token Bakong gave the shop' })
      .trim()
      .min(20, 'this is too short for a Bakong token: paste the whole token')
      .max(4000, 'this is too long for a Bakong token')
      .regex(/^[A-Za-z0-9._~+/=-]+$/, 'a token has no spaces or line breaks: paste it again')
      .nullable(),
  })
  .meta({ id: 'BakongTokenInput' });

/** Warned about from this long before the token expires (Bakong tokens last 90 days). */
export const BAKONG_TOKEN_WARNING_MS = 14 * 24 * 60 * 60_000;

// --- mail sender and server ------------------------------------------------------------------------------------

export const smtpSecurities = ['starttls', 'tls', 'none'] as const;

// eslint-disable-next-line no-control-regex
const NO_LINE_BREAKS = /^[^\u0000-\u001f\u007f]*$/;

const smtpInputSchema = z.object({
  host: z
    .string({ error: "enter the mail server's name, e.g. smtp.gmail.com" })
    .trim()
    .min(1, "enter the mail server's name, e.g. smtp.gmail.com")
    .max(253, 'use at most 253 characters')
    .regex(/^[A-Za-z0-9.:[\]-]+$/, 'a server name is letters, digits, dots and dashes, e.g. smtp.gmail.com'),
  port: z
    .number({ error: 'enter the port, usually 587 (STARTTLS) or 465 (TLS)' })
    .int('enter the port, usually 587 (STARTTLS) or 465 (TLS)')
    .min(1, 'a port is from 1 to 65535')
    .max(65_535, 'a port is from 1 to 65535'),
  /** starttls: upgrade after connecting (port 587); tls: TLS from the first byte (465); none: a local relay only. */
  security: z.enum(smtpSecurities, { error: 'choose starttls (port 587), tls (port 465) or none' }),
  user: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? null : value),
    z
      .string()
      .trim()
      .max(254, 'use at most 254 characters')
      .regex(NO_LINE_BREAKS, 'remove line breaks')
      .nullable()
      .default(null),
  ),
  /** Left out: keep the password stored now; null or empty: none. */
  password: z
    .string()
    .max(500, 'use at most 500 characters')
    .regex(NO_LINE_BREAKS, 'remove line breaks')
    .nullable()
    .optional(),
});

/** What the shop's mails say they are from, and the server they go through (none: the configured one). */
export const mailSettingsInputSchema = z
  .object({
    senderName: z
      .string({ error: 'enter the name customers see as the sender' })
      .trim()
      .min(1, 'enter the name customers see as the sender')
      .max(80, 'use at most 80 characters')
      .regex(NO_LINE_BREAKS, 'remove line breaks')
      .regex(/^[^"<>]*$/, 'leave out quotes and < >'),
    senderAddress: z
      .string({ error: 'enter the address mails come from, e.g. shop@example.com' })
      .trim()
      .toLowerCase()
      .max(254)
      .pipe(z.email('enter the address mails come from, e.g. shop@example.com')),
    smtp: smtpInputSchema.nullable(),
  })
  .meta({ id: 'MailSettingsInput' });
export type MailSettingsInput = z.input<typeof mailSettingsInputSchema>;
export type MailSettings = z.output<typeof mailSettingsInputSchema>;

/** Where mails go now: the back office's server, SMTP_URL, or .eml files in the data folder. */
export const mailTransports = ['settings', 'environment', 'files'] as const;

export const mailStatusSchema = z
  .object({
    /** The sender as mails show it, e.g. "Computer Shop" <shop@example.com>. */
    from: z.string(),
    senderName: z.string().nullable(),
    senderAddress: z.string().nullable(),
    transport: z.enum(mailTransports),
    /** The back office's mail server; never its password. */
    smtp: z
      .object({
        host: z.string(),
        port: z.number().int(),
        security: z.enum(smtpSecurities),
        user: z.string().nullable(),
        passwordSet: z.boolean(),
      })
      .nullable(),
    /** Something to do: the stored password cannot be opened with this server's key (enter it again). */
    warning: z.string().nullable(),
    updatedAt: z.number().int().nullable(),
  })
  .meta({ id: 'MailStatus' });
export type MailStatus = z.infer<typeof mailStatusSchema>;

export const testMailResultSchema = z
  .object({
    /** The admin's own address, which the test mail went to. */
    sentTo: z.string(),
    transport: z.enum(mailTransports),
    messageId: z.string(),
  })
  .meta({ id: 'TestMailResult' });

export const adminSettingsSchema = z
  .object({
    settings: z.array(adminSettingSchema),
    bakongToken: bakongTokenStatusSchema,
    mail: mailStatusSchema,
  })
  .meta({ id: 'AdminSettings' });
export type AdminSettings = z.infer<typeof adminSettingsSchema>;

// --- the audit log ---------------------------------------------------------------------------------------------

const shopDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a shop day as YYYY-MM-DD')
  .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), 'not a day of the calendar');

const filterText = (max: number) => z.string().trim().min(1).max(max).optional();

/** Filters of the audit log; `from` and `to` are shop days (Asia/Phnom_Penh), both included. */
export const auditListQuerySchema = z
  .object({
    /** A user's id: what they did. */
    actor: filterText(26),
    action: filterText(60),
    entity: filterText(30),
    entityId: filterText(40),
    from: shopDay.optional(),
    to: shopDay.optional(),
    /** Words found in the action, the entity's id or what changed. */
    q: filterText(120),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(50),
  })
  .refine((query) => !query.from || !query.to || query.from <= query.to, {
    path: ['to'],
    message: 'the last day comes on or after the first',
  });
export type AuditListQuery = z.output<typeof auditListQuerySchema>;

export const auditEntrySchema = z
  .object({
    id: z.string(),
    at: z.number().int(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    /** Null: the system, a counter's job or `npm run shop` (its row says which in `before`/`after`). */
    actor: z.object({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }).nullable(),
    ip: z.string().nullable(),
    before: z.unknown(),
    after: z.unknown(),
  })
  .meta({ id: 'AuditEntry' });
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z
  .object({
    items: z.array(auditEntrySchema),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  })
  .meta({ id: 'AuditList' });
