import { z } from 'zod';

export const idParam = z.object({ id: z.string().min(1).max(40) });
export const ok = z.object({ ok: z.literal(true) });
