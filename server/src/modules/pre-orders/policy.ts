import {
  DEFAULT_PRE_ORDER_POLICY,
  preOrderPolicySchema,
  settingKeys,
  type PreOrderPolicy,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { Tx } from '../../db/transaction';
import { fieldsOrDefaults, getSetting } from '../settings/service';

/**
 * The shop's pre-order rules: the setting `orders.preOrders` (shared `preOrderPolicySchema`), set with
 * `npm run shop -- set-pre-orders` or on the back office's settings screen.
 */
export async function getPreOrderPolicy(db: Db | Tx): Promise<PreOrderPolicy> {
  return fieldsOrDefaults(
    preOrderPolicySchema.shape,
    await getSetting(db, settingKeys.preOrders),
    DEFAULT_PRE_ORDER_POLICY,
  );
}
