import { useMessages } from '@shop/ui';
import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useCan } from '../products/holder';
import { StockHistory } from './history';
import { LowStockList, ShortfallList, ValuationList } from './lists';
import { MovementScreen } from './movement-form';
import { stockTexts } from './texts';

/** The stock area: what to reorder, receiving and adjusting, counters' shortfalls, the value at cost, history. */
export function StockScreen() {
  const t = useMessages(stockTexts);
  const seesCost = useCan('stock.cost');
  const tabs = [
    { path: 'low', label: t.low },
    { path: 'receive', label: t.receive },
    { path: 'adjust', label: t.adjust },
    { path: 'shortfalls', label: t.shortfalls },
    ...(seesCost ? [{ path: 'valuation', label: t.valuation }] : []),
  ];
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <nav aria-label={t.tabs} className="flex flex-wrap gap-1 border-b border-line">
        {tabs.map((tab) => (
          <NavLink
            key={tab.path}
            to={`/back-office/stock/${tab.path}`}
            className={({ isActive }) =>
              `-mb-px border-b-2 px-4 py-2 font-medium ${isActive ? 'border-brand-600 text-brand-700' : 'border-transparent text-muted hover:text-ink'}`
            }
          >
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<Navigate to="low" replace />} />
        <Route path="low" element={<LowStockList />} />
        <Route path="receive" element={<MovementScreen kind="receive" />} />
        <Route path="adjust" element={<MovementScreen kind="adjust" />} />
        <Route path="shortfalls" element={<ShortfallList />} />
        {seesCost && <Route path="valuation" element={<ValuationList />} />}
        <Route path="history/:id" element={<StockHistory />} />
      </Routes>
    </section>
  );
}
