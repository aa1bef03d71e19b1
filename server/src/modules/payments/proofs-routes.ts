import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import type { FileStorage } from '../../storage/storage';
import type { OrderMailer } from '../orders/notifications';
import {
  listOrderPaymentProofs,
  listPaymentProofs,
  paymentProofImage,
  reviewPaymentProof,
  uploadPaymentProof,
  type ProofDeps,
} from './proofs';

type PaymentProofRoutes =
  | 'uploadPaymentProof'
  | 'uploadGuestPaymentProof'
  | 'listGuestPaymentProofs'
  | 'listOrderPaymentProofs'
  | 'getPaymentProofImage'
  | 'listPaymentProofs'
  | 'reviewPaymentProof';

export function paymentProofHandlers(
  db: Db,
  storage: FileStorage,
  mailer: OrderMailer,
  uploads: Pick<ProofDeps, 'pictures' | 'perHour'>,
): Handlers<PaymentProofRoutes> {
  const deps: ProofDeps = { db, storage, mailer, ...uploads };
  return {
    uploadPaymentProof: ({ params, upload, user, actor }) =>
      uploadPaymentProof(deps, params.id, upload, { kind: 'user', user }, actor),
    uploadGuestPaymentProof: ({ params, upload, orderToken, client, actor }) =>
      uploadPaymentProof(deps, params.id, upload, { kind: 'guest', token: orderToken, ip: client.ip }, actor),
    listOrderPaymentProofs: ({ params, user }) =>
      listOrderPaymentProofs(db, params.id, { kind: 'user', user }),
    listGuestPaymentProofs: ({ params, body, client }) =>
      listOrderPaymentProofs(db, params.id, { kind: 'guest', token: body.token, ip: client.ip }),
    getPaymentProofImage: ({ params, user }) => paymentProofImage(deps, params.id, user),
    listPaymentProofs: ({ query }) => listPaymentProofs(db, query),
    reviewPaymentProof: ({ params, body, user, actor }) =>
      reviewPaymentProof(deps, params.id, body, user, actor),
  };
}
