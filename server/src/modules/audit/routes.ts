import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { listAudit } from './list';

export function auditHandlers(db: Db): Handlers<'listAudit'> {
  return {
    listAudit: ({ query }) => listAudit(db, query),
  };
}
