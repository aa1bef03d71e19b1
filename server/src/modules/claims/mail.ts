import { formatUsd, type ClaimStatus } from '@shop/shared';
import type { Tx } from '../../db/transaction';
import { enqueueMail } from '../../mail/outbox';
import type { ClaimRow } from './repo';

/**
 * The customer hears of each step of their claim by mail, queued in the transaction of the step. A customer with an
 * account gets the link to the claim's page; a walk-in (no account) gets the step and its details in the mail.
 */
export interface ClaimMailer {
  update(tx: Tx, claim: ClaimRow, to: { email: string; name: string; locale: 'en' | 'km' }): Promise<void>;
}

export function claimMailer(publicUrl: string): ClaimMailer {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    async update(tx, claim, to) {
      await enqueueMail(tx, {
        to: to.email,
        locale: to.locale,
        template: 'claim-update',
        data: {
          name: to.name,
          claimNumber: claim.number,
          productName: claim.product_name,
          serial: claim.serial,
          status: claim.status as ClaimStatus,
          quote:
            claim.quote_cents !== null && claim.quote_accepted_at === null
              ? formatUsd(Number(claim.quote_cents))
              : null,
          reason: claim.refusal_reason,
          replacementSerial: claim.replacement_serial,
          claimUrl: claim.user_id ? `${base}/account/claims/${encodeURIComponent(claim.id)}` : null,
        },
      });
    },
  };
}
