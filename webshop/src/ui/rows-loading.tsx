import { Skeleton } from '@shop/ui';

/** A list page while its rows load: grey cards the height of a row, announced by `label`. */
export function RowsLoading({
  label,
  rowClassName,
  rows = 3,
}: {
  label: string;
  rowClassName: string;
  rows?: number;
}) {
  return (
    <div role="status" aria-label={label} className="space-y-3">
      {Array.from({ length: rows }, (_, i) => (
        <Skeleton key={i} className={rowClassName} />
      ))}
    </div>
  );
}
