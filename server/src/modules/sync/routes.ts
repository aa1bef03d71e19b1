import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { pullChanges } from './pull';

export function syncHandlers(db: Db): Handlers<'listChanges'> {
  return {
    listChanges: ({ counter, query }) => pullChanges(db, counter, query),
  };
}
