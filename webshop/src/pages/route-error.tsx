import { ErrorState, useMessages } from '@shop/ui';
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { common } from '../i18n/common';

/**
 * Shown when a page fails to load or render, e.g. its code could not be fetched after a new release (the
 * hashed file it asks for is gone): reloading gets the new one.
 */
export function RouteError() {
  const error = useRouteError();
  const t = useMessages(common);
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : t.offline;
  return (
    <div className="mx-auto max-w-xl p-6">
      <ErrorState
        title={t.loadFailed}
        detail={detail}
        onRetry={() => window.location.reload()}
        retryLabel={t.retry}
      />
    </div>
  );
}
