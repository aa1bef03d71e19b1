import { Skeleton } from '@shop/ui';

/** A list page while its rows load: three grey cards the height of a row, announced by `label`. */
export function RowsLoading({ label, rowClassName }: { label: string; rowClassName: string }) {
  return (
    <div role="status" aria-label={label} className="space-y-3">
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className={rowClassName} />
      ))}
    </div>
  );
}
