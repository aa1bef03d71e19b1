import { z } from 'zod';
import { defineRoute, publicAccess } from '../route';

/** Liveness. */
export const systemRoutes = {
  health: defineRoute({
    method: 'get',
    path: '/health',
    summary: 'Liveness and which database the server runs on',
    tag: 'system',
    access: publicAccess,
    response: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'mysql']) }),
  }),
} as const;
