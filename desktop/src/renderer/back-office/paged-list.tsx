import { Button, EmptyState, ErrorState, LoadingBlock, useMessages } from '@shop/ui';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { problemOf } from './api';
import { backOfficeTexts } from './texts';

export interface Page<Item> {
  items: Item[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Column<Item> {
  key: string;
  header: ReactNode;
  cell: (item: Item) => ReactNode;
  /** Numbers and money read best right-aligned. */
  align?: 'right';
}

/**
 * One page of a server-side list as a table, with its count and the pager: every back-office list looks and moves
 * the same. Rows open on click or Enter when `onOpen` is given.
 */
export function PagedList<Item>({
  query,
  columns,
  rowKey,
  onOpen,
  onPage,
  label,
}: {
  query: UseQueryResult<Page<Item>>;
  columns: Column<Item>[];
  rowKey: (item: Item) => string;
  onOpen?: (item: Item) => void;
  onPage: (page: number) => void;
  label: string;
}) {
  const t = useMessages(backOfficeTexts);
  if (query.isPending) return <LoadingBlock label={label} />;
  if (query.isError)
    return (
      <ErrorState
        title={t.loadFailed}
        detail={problemOf(query.error)}
        onRetry={() => void query.refetch()}
        retryLabel={t.retry}
      />
    );
  const { items, total, page, pageSize } = query.data;
  if (items.length === 0) return <EmptyState title={t.nothingFound} />;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-card border border-line bg-white">
        <table className="w-full text-left text-sm" aria-label={label}>
          <thead className="border-b border-line bg-slate-50 text-muted">
            <tr>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className={`px-3 py-2 font-medium ${column.align === 'right' ? 'text-right' : ''}`}
                >
                  {column.header}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr
                key={rowKey(item)}
                data-testid="list-row"
                tabIndex={onOpen ? 0 : undefined}
                onClick={onOpen && (() => onOpen(item))}
                onKeyDown={onOpen && ((event) => event.key === 'Enter' && onOpen(item))}
                className={`border-b border-line last:border-0 ${onOpen ? 'cursor-pointer hover:bg-brand-50 focus:bg-brand-50 focus:outline-none' : ''}`}
              >
                {columns.map((column) => (
                  <td
                    key={column.key}
                    className={`px-3 py-2 ${column.align === 'right' ? 'text-right tabular-nums' : ''}`}
                  >
                    {column.cell(item)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <nav
        className="flex items-center justify-between text-sm text-muted"
        aria-label={t.pageOf(page, pages)}
      >
        <span>{t.rows(total)}</span>
        <span className="flex items-center gap-3">
          <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPage(page - 1)}>
            {t.previous}
          </Button>
          <span>{t.pageOf(page, pages)}</span>
          <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPage(page + 1)}>
            {t.next}
          </Button>
        </span>
      </nav>
    </div>
  );
}
