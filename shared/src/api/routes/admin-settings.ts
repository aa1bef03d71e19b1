import {
  adminSettingSchema,
  adminSettingsSchema,
  auditListQuerySchema,
  auditListSchema,
  bakongTokenInputSchema,
  bakongTokenStatusSchema,
  mailSettingsInputSchema,
  mailStatusSchema,
  settingChangeInputSchema,
  settingKeyParam,
  testMailResultSchema,
} from '../../admin-settings';
import { defineRoute, requires } from '../route';

/**
 * The back office's settings (admin): every shop setting, the Bakong token and the mail server, and the audit log.
 * The fixed paths come before `/admin/settings/:key`: routes are mounted in this order, and Express takes the first
 * that matches (setting keys have a dot, these paths none, so neither could be taken for the other anyway).
 */
export const adminSettingRoutes = {
  setBakongToken: defineRoute({
    method: 'put',
    path: '/admin/settings/bakong-token',
    summary:
      'Enter the Bakong Open API token (stored encrypted, never shown again) or forget it (null); the payment job ' +
      'uses it from its next round, on every server',
    tag: 'back office',
    access: requires('settings.manage'),
    body: bakongTokenInputSchema,
    response: bakongTokenStatusSchema,
  }),
  setMailSettings: defineRoute({
    method: 'put',
    path: '/admin/settings/mail',
    summary:
      "The shop's mail sender and, optionally, its SMTP server (password stored encrypted, kept when left out); " +
      'mails use it from the next one sent',
    tag: 'back office',
    access: requires('settings.manage'),
    body: mailSettingsInputSchema,
    response: mailStatusSchema,
  }),
  sendTestMail: defineRoute({
    method: 'post',
    path: '/admin/settings/mail/test',
    summary:
      "Send a test mail to the admin's own address through the mail server in use now, and say how it went",
    tag: 'back office',
    access: requires('settings.manage'),
    response: testMailResultSchema,
    errors: [502],
  }),
  getAdminSettings: defineRoute({
    method: 'get',
    path: '/admin/settings',
    summary:
      'Every shop setting as the server uses it now (defaults filled in, what breaks the rules named), whether a ' +
      'Bakong token is set and when it expires, and where mails go; no secret is ever answered',
    tag: 'back office',
    access: requires('settings.manage'),
    response: adminSettingsSchema,
  }),
  changeSetting: defineRoute({
    method: 'put',
    path: '/admin/settings/:key',
    summary:
      "Replace one setting's value, checked by its shared rules (400 names each field and changes nothing); every " +
      'server uses it at once, counters from their next pull',
    tag: 'back office',
    access: requires('settings.manage'),
    params: settingKeyParam,
    body: settingChangeInputSchema,
    response: adminSettingSchema,
    errors: [404],
  }),
  listAudit: defineRoute({
    method: 'get',
    path: '/admin/audit',
    summary: 'Who changed what and when, newest first, with the name of who did it; filtered and paged',
    tag: 'back office',
    access: requires('audit.view'),
    query: auditListQuerySchema,
    response: auditListSchema,
  }),
} as const;
