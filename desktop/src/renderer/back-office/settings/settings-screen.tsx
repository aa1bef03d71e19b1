import { settingKeys, type AdminSettings } from '@shop/shared';
import { ErrorState, LoadingBlock, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { NavLink, Route, Routes } from 'react-router';
import { api, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { BakongTokenPanel } from './bakong-token';
import { DeliveryRatesForm } from './delivery-rates-form';
import { MailPanel } from './mail-panel';
import { SettingForm, type SettingField } from './setting-form';
import { settingsTexts } from './texts';

type Texts = (typeof settingsTexts)['en'];

const tabs = [
  { to: '/back-office/settings', end: true, label: 'tabShop' },
  { to: '/back-office/settings/payments', end: false, label: 'tabPayments' },
  { to: '/back-office/settings/prices', end: false, label: 'tabPrices' },
  { to: '/back-office/settings/counter', end: false, label: 'tabCounter' },
  { to: '/back-office/settings/mail', end: false, label: 'tabMail' },
] as const;

const identityFields = (t: Texts): SettingField[] => [
  { path: 'name', label: t.shopName, kind: 'text' },
  { path: 'nameKm', label: t.shopNameKm, kind: 'text' },
  { path: 'address', label: t.address, kind: 'text', multiline: true },
  { path: 'phone', label: t.phone, kind: 'text' },
  { path: 'hours', label: t.hours, hint: t.hoursHint, kind: 'text' },
  { path: 'supportEmail', label: t.supportEmail, kind: 'text' },
  { path: 'logoUrl', label: t.logoUrl, hint: t.logoHint, kind: 'text' },
];

const isMerchant = (draft: Record<string, unknown>) => draft.kind === 'merchant';
const merchantFields = (t: Texts): SettingField[] => [
  {
    path: 'kind',
    label: t.kind,
    kind: 'select',
    options: [
      { value: 'individual', label: t.individual },
      { value: 'merchant', label: t.merchant },
    ],
  },
  { path: 'accountId', label: t.accountId, kind: 'text' },
  { path: 'name', label: t.accountName, kind: 'text' },
  { path: 'city', label: t.city, kind: 'text' },
  { path: 'merchantId', label: t.merchantId, kind: 'text', when: isMerchant },
  { path: 'acquiringBank', label: t.acquiringBank, kind: 'text', when: isMerchant },
  { path: 'storeLabel', label: t.storeLabel, kind: 'text' },
];

const pricingFields = (t: Texts): SettingField[] => [
  { path: 'rielPerUsd', label: t.rate, hint: t.rateHint, kind: 'number' },
  { path: 'deliveryFeeCents', label: t.deliveryFee, hint: t.deliveryFeeHint, kind: 'usd' },
  { path: 'freeDeliveryFromCents', label: t.freeFrom, hint: t.freeFromHint, kind: 'usd' },
  { path: 'deliveryDays.min', label: t.standardMinDays, hint: t.daysHint, kind: 'number' },
  { path: 'deliveryDays.max', label: t.standardMaxDays, hint: t.daysHint, kind: 'number' },
];

const vatFields = (t: Texts): SettingField[] => [
  { path: 'registered', label: t.vatRegistered, kind: 'bool' },
  { path: 'ratePercent', label: t.vatRate, kind: 'number' },
  { path: 'tin', label: t.tin, kind: 'text' },
];

const counterFields = (t: Texts): SettingField[] => [
  { path: 'receiptFooter', label: t.receiptFooter, hint: t.receiptFooterHint, kind: 'text', multiline: true },
  {
    path: 'receiptPaper',
    label: t.receiptPaper,
    kind: 'select',
    options: [
      { value: 'slip80', label: t.slip80 },
      { value: 'a4', label: t.a4 },
    ],
  },
  { path: 'discountLimitPercent.staff', label: t.staffDiscount, kind: 'number' },
  { path: 'discountLimitPercent.admin', label: t.adminDiscount, kind: 'number' },
];

const retentionFields = (t: Texts): SettingField[] => [
  { path: 'sentMailDays', label: t.sentMailDays, kind: 'number' },
  { path: 'auditDays', label: t.auditDays, kind: 'number' },
  { path: 'changeFeedDays', label: t.changeFeedDays, hint: t.changeFeedHint, kind: 'number' },
];

const preOrderFields = (t: Texts): SettingField[] => [
  {
    path: 'depositOnCancel',
    label: t.preOrderDeposit,
    kind: 'select',
    options: [
      { value: 'refund', label: t.preOrderRefund },
      { value: 'keep', label: t.preOrderKeep },
    ],
  },
  { path: 'holdDays', label: t.preOrderHoldDays, hint: t.preOrderHoldHint, kind: 'number' },
];

/**
 * Admin only: every setting the shop enters, in the server's own words of what it uses now. Each form sends its
 * setting whole and the shared rules answer per field; a save reaches every server at once.
 */
export function SettingsScreen() {
  const t = useMessages(settingsTexts);
  const frame = useMessages(backOfficeTexts);
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => api.getAdminSettings({}) });

  let body: ReactNode;
  if (settings.isPending) body = <LoadingBlock label={t.title} />;
  else if (settings.isError)
    body = (
      <ErrorState
        title={frame.loadFailed}
        detail={problemOf(settings.error)}
        onRetry={() => void settings.refetch()}
        retryLabel={frame.retry}
      />
    );
  else body = <SettingsForms t={t} all={settings.data} />;

  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <nav aria-label={t.title} className="flex gap-1 border-b border-line">
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            className={({ isActive }) =>
              `-mb-px border-b-2 px-4 py-2 font-medium ${isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-muted hover:text-ink'}`
            }
          >
            {t[tab.label]}
          </NavLink>
        ))}
      </nav>
      {body}
    </section>
  );
}

function SettingsForms({ t, all }: { t: Texts; all: AdminSettings }) {
  const setting = (key: string) =>
    all.settings.find((one) => one.key === key) ?? {
      key,
      title: null,
      value: null,
      stored: false,
      updatedAt: null,
      problem: null,
    };
  // Keyed by setting only: after a save the form keeps what was typed (now stored) and says it was saved.
  const form = (key: string, title: string, lead: string, fields: SettingField[]) => {
    const one = setting(key);
    return <SettingForm key={key} setting={one} title={title} lead={lead} fields={fields} />;
  };
  return (
    <Routes>
      <Route
        index
        element={
          <div className="space-y-5">
            {form(settingKeys.shopIdentity, t.shopTitle, t.shopLead, identityFields(t))}
            {form(settingKeys.retention, t.retentionTitle, t.retentionLead, retentionFields(t))}
          </div>
        }
      />
      <Route
        path="payments"
        element={
          <div className="space-y-5">
            {form(settingKeys.merchantAccount, t.khqrTitle, t.khqrLead, merchantFields(t))}
            <BakongTokenPanel status={all.bakongToken} />
          </div>
        }
      />
      <Route
        path="prices"
        element={
          <div className="space-y-5">
            {form(settingKeys.pricing, t.pricesTitle, t.pricesLead, pricingFields(t))}
            <DeliveryRatesForm setting={setting(settingKeys.pricing)} />
            {form(settingKeys.invoiceVat, t.vatTitle, t.vatLead, vatFields(t))}
            {form(settingKeys.preOrders, t.preOrderTitle, t.preOrderLead, preOrderFields(t))}
          </div>
        }
      />
      <Route
        path="counter"
        element={form(settingKeys.counterPolicy, t.counterTitle, t.counterLead, counterFields(t))}
      />
      <Route path="mail" element={<MailPanel status={all.mail} />} />
    </Routes>
  );
}
