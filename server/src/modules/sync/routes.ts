import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { readChanges } from './change-log';

export function syncHandlers(db: Db): Handlers<'listChanges'> {
  return {
    listChanges: ({ query }) => readChanges(db, query.after, query.limit),
  };
}
