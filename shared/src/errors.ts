import { z } from 'zod';

/** Every error the API answers has this body; `fields` maps a request field path to what is wrong with it. */
export const errorCodes = [
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'unavailable',
  /** A server the shop talks to (the mail server) refused or could not be reached: its answer is in the message. */
  'upstream_failed',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorBody = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      fields: z.record(z.string(), z.string()).optional(),
      requestId: z.string().optional(),
    }),
  })
  .meta({ id: 'Error' });
export type ApiErrorBody = z.infer<typeof apiErrorBody>;
