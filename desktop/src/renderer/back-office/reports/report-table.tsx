import type { ReactNode } from 'react';

export interface ReportColumn<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
  align?: 'right';
}

/** A plain table of a report, its total row last when there is one: screen and print alike. */
export function ReportTable<Row>({
  caption,
  columns,
  rows,
  total,
  empty,
}: {
  caption: string;
  columns: ReportColumn<Row>[];
  rows: Row[];
  total?: ReactNode[];
  empty: string;
}) {
  return (
    <div className="overflow-x-auto rounded-card border border-line bg-white">
      <table className="w-full text-sm">
        <caption className="px-3 pt-3 text-left text-base font-semibold">{caption}</caption>
        <thead>
          <tr className="border-b border-line text-muted">
            {columns.map((column) => (
              <th
                key={column.header}
                scope="col"
                className={`px-3 py-2 font-medium ${column.align === 'right' ? 'text-right' : 'text-left'}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={columns.length} className="px-3 py-4 text-muted">
                {empty}
              </td>
            </tr>
          )}
          {rows.map((row, index) => (
            <tr key={index} className="border-b border-line last:border-0" data-testid="report-row">
              {columns.map((column) => (
                <td
                  key={column.header}
                  className={`px-3 py-2 ${column.align === 'right' ? 'text-right tabular-nums' : ''}`}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {total && rows.length > 0 && (
          <tfoot>
            <tr className="border-t-2 border-line font-semibold" data-testid="report-total">
              {total.map((value, index) => (
                <td
                  key={index}
                  className={`px-3 py-2 ${columns[index]?.align === 'right' ? 'text-right tabular-nums' : ''}`}
                >
                  {value}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
