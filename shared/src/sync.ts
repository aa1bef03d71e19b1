import { z } from 'zod';

/** Entities whose writes the server records in its change feed, for the desktop POS to pull. */
export const changeEntities = ['category', 'brand', 'product', 'stock'] as const;
export type ChangeEntity = (typeof changeEntities)[number];

export const changeSchema = z
  .object({
    seq: z.number().int(),
    entity: z.enum(changeEntities),
    entityId: z.string(),
    operation: z.enum(['upsert', 'delete']),
    at: z.number().int(),
  })
  .meta({ id: 'Change' });
export type Change = z.infer<typeof changeSchema>;

export const changesQuerySchema = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

export const changesPageSchema = z
  .object({
    changes: z.array(changeSchema),
    /** The cursor to send as `after` next time: the seq of the last change in this page, or `after` if none. */
    cursor: z.number().int(),
    hasMore: z.boolean(),
  })
  .meta({ id: 'ChangesPage' });
export type ChangesPage = z.infer<typeof changesPageSchema>;
