import { changesPageSchema, changesQuerySchema } from '../../sync';
import { defineRoute, requires } from '../route';

/** The desktop POS sync endpoints. */
export const syncRoutes = {
  listChanges: defineRoute({
    method: 'get',
    path: '/sync/changes',
    summary: 'The change feed after a cursor, in commit order (desktop sync)',
    tag: 'sync',
    access: requires('sync.pull'),
    query: changesQuerySchema,
    response: changesPageSchema,
  }),
} as const;
