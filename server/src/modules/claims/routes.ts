import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import type { Pictures } from '../../storage/images';
import type { FileStorage } from '../../storage/storage';
import type { PaymentPolicy } from '../payments/service';
import { getShopIdentity } from '../settings/service';
import { claimMailer } from './mail';
import { claimPhoto, uploadClaimPhoto, type PhotoDeps } from './photos';
import {
  acceptQuote,
  customerClaim,
  listClaims,
  listCustomerClaims,
  lookupWarranty,
  moveClaim,
  openClaim,
  payRepair,
  quoteClaim,
  serialHistory,
  staffClaim,
  type ClaimDeps,
} from './service';
import { renderClaimSlip } from './slip';

type ClaimRoutes =
  | 'lookupWarranty'
  | 'listMyClaims'
  | 'getMyClaim'
  | 'acceptMyClaimQuote'
  | 'serialHistory'
  | 'openClaim'
  | 'listClaims'
  | 'getClaim'
  | 'moveClaim'
  | 'quoteClaim'
  | 'recordClaimQuoteAcceptance'
  | 'payClaimRepair'
  | 'claimSlip'
  | 'uploadClaimPhoto'
  | 'getClaimPhoto';

export function claimHandlers(
  db: Db,
  publicUrl: string,
  files: { storage: FileStorage; pictures: Pictures },
  policy: PaymentPolicy,
): Handlers<ClaimRoutes> {
  const deps: ClaimDeps = { db, mailer: claimMailer(publicUrl) };
  const photos: PhotoDeps = { db, ...files };
  return {
    lookupWarranty: ({ query, user, client }) => lookupWarranty(db, query.serial, user, client.ip),
    listMyClaims: ({ query, user }) => listCustomerClaims(db, user, query),
    getMyClaim: ({ params, user }) => customerClaim(db, params.id, user),
    acceptMyClaimQuote: async ({ params, user }) => {
      await acceptQuote(db, params.id, { customer: user });
      return customerClaim(db, params.id, user);
    },
    serialHistory: ({ params }) => serialHistory(db, params.serial),
    openClaim: ({ body, actor }) => openClaim(deps, body, actor),
    listClaims: ({ query }) => listClaims(db, query),
    getClaim: ({ params }) => staffClaim(db, params.id),
    moveClaim: ({ params, body, actor }) => moveClaim(deps, params.id, body, actor),
    quoteClaim: ({ params, body, actor }) => quoteClaim(deps, params.id, body.priceCents, actor),
    recordClaimQuoteAcceptance: async ({ params, actor }) => {
      await acceptQuote(db, params.id, { staff: actor });
      return staffClaim(db, params.id);
    },
    payClaimRepair: ({ params, body, actor }) => payRepair(db, policy, params.id, body, actor),
    uploadClaimPhoto: ({ params, upload, actor }) => uploadClaimPhoto(photos, params.id, upload, actor),
    getClaimPhoto: ({ params, user }) => claimPhoto(photos, params.id, params.photoId, user),
    // Read first, render after: rendering holds no connection.
    claimSlip: async ({ params }) => {
      const [claim, shop] = await Promise.all([staffClaim(db, params.id), getShopIdentity(db)]);
      return {
        contentType: 'text/html; charset=utf-8',
        body: renderClaimSlip(claim, shop),
        fileName: `claim-${claim.number}.html`,
        cache: 'private',
      };
    },
  };
}
