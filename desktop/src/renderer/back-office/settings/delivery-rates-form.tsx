import { provinceName, provinces, type AdminSetting, type Pricing, type Province } from '@shop/shared';
import { Button, FormAlert, useLocale, useMessages } from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, isApiError, problemOf } from '../api';
import { parsed, shown, type SettingField } from './setting-values';
import { settingsTexts } from './texts';

const USD: SettingField = { path: 'feeCents', label: '', kind: 'usd' };
const DAYS: SettingField = { path: 'days', label: '', kind: 'number' };

/** One province's row as typed: an empty fee and days mean the standard rate, an empty free-from the shop's. */
interface Row {
  province: Province;
  delivers: boolean;
  fee: string;
  minDays: string;
  maxDays: string;
  freeFrom: string;
}

function rowsOf(pricing: Pricing): Row[] {
  const refused = new Set<string>(pricing.noDeliveryTo);
  return provinces.map(({ en }) => {
    const own = pricing.provinceRates.find((rate) => rate.province === en);
    return {
      province: en,
      delivers: !refused.has(en),
      fee: own ? (shown(USD, own.feeCents) as string) : '',
      minDays: own ? String(own.minDays) : '',
      maxDays: own ? String(own.maxDays) : '',
      freeFrom: own?.freeFromCents != null ? (shown(USD, own.freeFromCents) as string) : '',
    };
  });
}

/** The rows back into the setting: a row with a fee or days typed is the province's own rate, the rest standard. */
function valueOf(pricing: Pricing, rows: Row[]) {
  const own = rows.filter(
    (row) => row.fee.trim() || row.minDays.trim() || row.maxDays.trim() || row.freeFrom.trim(),
  );
  const orStandard = (text: string, field: SettingField, standard: number) =>
    text.trim() === '' ? standard : parsed(field, text);
  return {
    sentRates: own.map((row) => row.province),
    value: {
      ...pricing,
      provinceRates: own.map((row) => ({
        province: row.province,
        feeCents: orStandard(row.fee, USD, pricing.deliveryFeeCents),
        minDays: orStandard(row.minDays, DAYS, pricing.deliveryDays.min),
        maxDays: orStandard(row.maxDays, DAYS, pricing.deliveryDays.max),
        ...(row.freeFrom.trim() && { freeFromCents: parsed(USD, row.freeFrom) }),
      })),
      noDeliveryTo: rows.filter((row) => !row.delivers).map((row) => row.province),
    },
  };
}

/**
 * Delivery per province (admin): whether the shop delivers there, and the province's own fee, days and free-from
 * where it differs from the standard rate above. Sent whole with the rest of the pricing setting; the server's
 * shared rules answer per field (a negative fee, fewer most days than fewest), shown on the province's row.
 */
export function DeliveryRatesForm({ setting }: { setting: AdminSetting }) {
  const t = useMessages(settingsTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const pricing = setting.value as Pricing;
  const [rows, setRows] = useState<Row[]>(() => rowsOf(pricing));
  const [sentRates, setSentRates] = useState<Province[]>([]);
  const save = useMutation({
    mutationFn: () => {
      const { value, sentRates: sent } = valueOf(setting.value as Pricing, rows);
      setSentRates(sent);
      return api.changeSetting({ params: { key: setting.key }, body: { value } });
    },
    onSuccess: () => void queries.invalidateQueries({ queryKey: ['settings'] }),
  });
  const fields = isApiError(save.error) ? save.error.fields : {};
  // The server names a rate by its place in the list sent: `provinceRates.3.maxDays` is the fourth row with a rate.
  const errorOf = (province: Province) =>
    Object.entries(fields)
      .filter(([path]) => {
        const index = /^provinceRates\.(\d+)\./.exec(path)?.[1];
        return index !== undefined && sentRates[Number(index)] === province;
      })
      .map(([, message]) => message)
      .join(' · ');
  const change = (index: number, patch: Partial<Row>) =>
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const standard = t.standardRate(
    shown(USD, pricing.deliveryFeeCents) as string,
    pricing.deliveryDays.min,
    pricing.deliveryDays.max,
  );

  const input = 'w-full rounded-md border border-line px-2 py-1 tabular-nums';
  return (
    <form
      aria-label={t.ratesTitle}
      noValidate
      className="space-y-4 rounded-card border border-line bg-white p-5"
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate();
      }}
    >
      <div>
        <h2 className="text-lg font-semibold">{t.ratesTitle}</h2>
        <p className="text-sm text-muted">{t.ratesLead(standard)}</p>
      </div>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-line text-muted">
          <tr>
            <th className="py-2 font-medium">{t.province}</th>
            <th className="py-2 font-medium">{t.delivers}</th>
            <th className="py-2 font-medium">{t.ownFee}</th>
            <th className="py-2 font-medium">{t.fewestDays}</th>
            <th className="py-2 font-medium">{t.mostDays}</th>
            <th className="py-2 font-medium">{t.ownFreeFrom}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => {
            const name = provinceName(row.province, locale);
            const error = errorOf(row.province);
            return (
              <tr
                key={row.province}
                className="border-b border-line align-top last:border-0"
                data-testid="rate-row"
              >
                <td className="py-1.5 pr-2 font-medium">
                  {name}
                  {error && <span className="block text-xs font-normal text-red-700">{error}</span>}
                </td>
                <td className="py-1.5 pr-2">
                  <input
                    type="checkbox"
                    aria-label={t.deliversTo(name)}
                    checked={row.delivers}
                    onChange={(event) => change(index, { delivers: event.target.checked })}
                    className="size-5 accent-brand-600"
                  />
                </td>
                {(
                  [
                    ['fee', t.feeOf(name), shown(USD, pricing.deliveryFeeCents)],
                    ['minDays', t.fewestDaysOf(name), pricing.deliveryDays.min],
                    ['maxDays', t.mostDaysOf(name), pricing.deliveryDays.max],
                    ['freeFrom', t.freeFromOf(name), ''],
                  ] as const
                ).map(([key, label, placeholder]) => (
                  <td key={key} className="py-1.5 pr-2">
                    <input
                      aria-label={label}
                      inputMode="decimal"
                      disabled={!row.delivers}
                      value={row[key]}
                      placeholder={String(placeholder)}
                      onChange={(event) => change(index, { [key]: event.target.value })}
                      className={`${input} max-w-28 disabled:bg-slate-50`}
                    />
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
      {save.isSuccess && <FormAlert tone="success">{t.saved}</FormAlert>}
      {save.isError && (
        <FormAlert>{Object.keys(fields).length ? t.ratesProblem : problemOf(save.error)}</FormAlert>
      )}
      <div className="flex justify-end">
        <Button type="submit" busy={save.isPending}>
          {t.save}
        </Button>
      </div>
    </form>
  );
}
