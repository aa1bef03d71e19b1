import { preOrderDepositPercents, type PreOrderDepositPercent, type ProductPreOrder } from '@shop/shared';
import { SelectField, TextField, useMessages } from '@shop/ui';
import { productTexts } from './texts';

/** The product editor's pre-order fields as typed: allowed or not, the expected day, the deposit percent. */
export interface PreOrderDraft {
  allowed: boolean;
  expectedOn: string;
  depositPercent: PreOrderDepositPercent;
}

export function preOrderDraftOf(preOrder: ProductPreOrder | null): PreOrderDraft {
  return {
    allowed: preOrder !== null,
    expectedOn: preOrder?.expectedOn ?? '',
    depositPercent: preOrder?.depositPercent ?? 25,
  };
}

/** What the route takes: the settings, or null for no pre-orders. */
export function preOrderOf(draft: PreOrderDraft): ProductPreOrder | null {
  return draft.allowed
    ? { expectedOn: draft.expectedOn.trim() || null, depositPercent: draft.depositPercent }
    : null;
}

/** Pre-orders while out of stock: customers (online or at the counter) reserve one with a deposit. */
export function PreOrderFields({
  value,
  onChange,
  error,
}: {
  value: PreOrderDraft;
  onChange: (next: PreOrderDraft) => void;
  error: string | undefined;
}) {
  const t = useMessages(productTexts);
  return (
    <fieldset className="space-y-3 rounded-card border border-line p-4" data-testid="pre-order-fields">
      <legend className="px-1 font-semibold">{t.preOrderTitle}</legend>
      <label className="flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          className="h-5 w-5"
          checked={value.allowed}
          onChange={(e) => onChange({ ...value, allowed: e.target.checked })}
        />
        {t.preOrderAllowed}
      </label>
      {value.allowed && (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t.preOrderExpected}
            hint={t.preOrderExpectedHint}
            type="date"
            value={value.expectedOn}
            error={error}
            onChange={(e) => onChange({ ...value, expectedOn: e.target.value })}
          />
          <SelectField
            label={t.preOrderDeposit}
            value={String(value.depositPercent)}
            onChange={(e) =>
              onChange({ ...value, depositPercent: Number(e.target.value) as PreOrderDepositPercent })
            }
          >
            {preOrderDepositPercents.map((percent) => (
              <option key={percent} value={percent}>
                {percent} %
              </option>
            ))}
          </SelectField>
        </div>
      )}
    </fieldset>
  );
}
