import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { listRefundsOwed, markRefunded } from './refunds-owed';

export function refundOwedHandlers(db: Db): Handlers<'listRefundsOwed' | 'markRefunded'> {
  return {
    listRefundsOwed: ({ query }) => listRefundsOwed(db, query),
    markRefunded: ({ params, body, user, actor }) => markRefunded(db, params.id, body, user, actor),
  };
}
