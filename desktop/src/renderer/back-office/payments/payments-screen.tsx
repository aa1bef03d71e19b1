import { SelectField, useMessages } from '@shop/ui';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useListAddress } from '../list-address';
import { ProofQueue } from './proof-queue';
import { ReconciliationList } from './reconciliation-list';
import { RefundsOwedList } from './refunds-owed-list';
import { ReviewList } from './review-list';
import { paymentTexts } from './texts';

const sections = ['proofs', 'review', 'reconciliation', 'refunds'] as const;

/** The payments area: one tab per list staff work through, each with its own address (`/back-office/payments/…`). */
export function PaymentsScreen() {
  const t = useMessages(paymentTexts);
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <nav aria-label={t.sections} className="flex gap-1 border-b border-line">
        {sections.map((section) => (
          <NavLink
            key={section}
            to={`/back-office/payments/${section}`}
            className={({ isActive }) =>
              `-mb-px border-b-2 px-4 py-2 font-medium ${isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-muted hover:text-ink'}`
            }
          >
            {t[section]}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route path="proofs" element={<ProofQueue />} />
        <Route path="review" element={<ReviewList />} />
        <Route path="reconciliation" element={<ReconciliationList />} />
        <Route path="refunds" element={<RefundsOwedList />} />
        <Route path="*" element={<Navigate to="/back-office/payments/proofs" replace />} />
      </Routes>
    </section>
  );
}

const statusKeys = ['status'] as const;

/** A list's one filter (which state to show), kept in the address like every list's. */
export function useStatusFilter<S extends string>(fallback: S) {
  const address = useListAddress(statusKeys);
  const status = (address.filters.status || fallback) as S;
  return { ...address, status };
}

export function StatusFilter<S extends string>({
  value,
  options,
  onChange,
}: {
  value: S;
  options: readonly (readonly [S, string])[];
  onChange: (value: S) => void;
}) {
  const t = useMessages(paymentTexts);
  return (
    <SelectField
      label={t.show}
      className="w-56"
      value={value}
      onChange={(event) => onChange(event.target.value as S)}
    >
      {options.map(([option, label]) => (
        <option key={option} value={option}>
          {label}
        </option>
      ))}
    </SelectField>
  );
}
