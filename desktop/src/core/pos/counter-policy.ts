import {
  counterPolicySchema,
  DEFAULT_COUNTER_POLICY,
  fieldsOrDefaults,
  settingKeys,
  type CounterPolicy,
  type Role,
} from '@shop/shared';
import type { LocalDb } from '../local-db/open';

/**
 * The shop's counter policy (`counter.policy`: receipt footer and paper, discount limits per role) as this counter
 * pulled it, read afresh each time so a pull takes effect at the next cart change. Before the first pull brought
 * one (a shop that never set it has no feed entry for it), the counter's own limits and the shared defaults apply;
 * a damaged pulled field falls back the same way, field by field, as the server reads its own row.
 */
export function counterPolicyReader(db: LocalDb, fallbackLimits: CounterPolicy['discountLimitPercent']) {
  const pulled = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
  const fallback: CounterPolicy = {
    ...DEFAULT_COUNTER_POLICY,
    discountLimitPercent: fallbackLimits,
  };
  return (): CounterPolicy => {
    const row = pulled.get(settingKeys.counterPolicy) as string | undefined;
    return fieldsOrDefaults(counterPolicySchema.shape, row ? JSON.parse(row) : undefined, fallback);
  };
}

/** The most a role may take off a sale, in percent. Customers never give discounts at a counter. */
export function discountLimitOf(policy: CounterPolicy, role: Role): number {
  return role === 'customer' ? 0 : policy.discountLimitPercent[role];
}
