import { useMessages } from '@shop/ui';
import { ErrorState } from '@shop/ui';
import { common } from '../i18n/common';

/**
 * A request that failed: what failed (by default "we could not load this page"), the likely cause (the connection,
 * unless `detail` says otherwise or is `false` when the title says it all) and a button that asks again.
 */
export function QueryError({
  title,
  detail,
  retry,
}: {
  title?: string;
  detail?: string | false;
  retry: () => unknown;
}) {
  const c = useMessages(common);
  return (
    <ErrorState
      title={title ?? c.loadFailed}
      detail={detail === false ? undefined : (detail ?? c.offline)}
      onRetry={() => void retry()}
      retryLabel={c.retry}
    />
  );
}
