import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import { supportMailer } from './mail';
import {
  customerInquiry,
  listCustomerInquiries,
  listInquiries,
  openInquiry,
  replyAsCustomer,
  replyAsStaff,
  setInquiryStatus,
  staffInquiry,
  type SupportDeps,
} from './service';

type SupportRoutes =
  | 'openInquiry'
  | 'listMyInquiries'
  | 'getMyInquiry'
  | 'replyToMyInquiry'
  | 'listInquiries'
  | 'getInquiry'
  | 'replyToInquiry'
  | 'setInquiryStatus';

export function supportHandlers(db: Db, publicUrl: string): Handlers<SupportRoutes> {
  const deps: SupportDeps = { db, mailer: supportMailer(publicUrl) };
  return {
    openInquiry: ({ body, user, client }) => openInquiry(deps, body, user, client.ip),
    listMyInquiries: ({ query, user }) => listCustomerInquiries(db, user, query),
    getMyInquiry: ({ params, user }) => customerInquiry(db, params.id, user),
    replyToMyInquiry: ({ params, body, user }) => replyAsCustomer(db, params.id, body, user),
    listInquiries: ({ query }) => listInquiries(db, query),
    getInquiry: ({ params }) => staffInquiry(db, params.id),
    replyToInquiry: ({ params, body, user, actor }) => replyAsStaff(deps, params.id, body, user, actor),
    setInquiryStatus: ({ params, body, actor }) => setInquiryStatus(db, params.id, body.status, actor),
  };
}
