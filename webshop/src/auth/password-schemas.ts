import { changePasswordInputSchema, loginInputSchema, resetPasswordInputSchema } from '@shop/shared';

/**
 * Forms that set a new password ask for it twice; the server's schemas (which the forms extend) take it once.
 * A mismatch is put on the second field with the "passwords differ" message (see fieldErrorText).
 */
const repeated = loginInputSchema.shape.password;

export const resetPasswordFormSchema = resetPasswordInputSchema
  .pick({ password: true })
  .extend({ repeat: repeated })
  .refine((v) => v.password === v.repeat, { path: ['repeat'], message: 'passwords differ' });

export const changePasswordFormSchema = changePasswordInputSchema
  .extend({ repeat: repeated })
  .refine((v) => v.newPassword === v.repeat, { path: ['repeat'], message: 'passwords differ' });
