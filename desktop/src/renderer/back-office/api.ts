import { ApiError, createClientFromManifest } from '@shop/shared/client-core';
import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import routes from 'virtual:shop-routes';
import { CommandFailed, messageOf } from '../bridge';
import { serverFetch } from './server-fetch';

/** The typed API client of the back office: the web shop's client, its requests carried by the core. */
export const api = createClientFromManifest(routes, { fetch: serverFetch });

/** Who holds the back office (the core's answer): asked again whenever a request finds the session gone. */
export const holderKey = ['back-office', 'holder'] as const;

/** The session ended under the screens: the server's 401, or the core having closed it (idle, signed out). */
function sessionGone(error: unknown): boolean {
  return isApiError(error, 401) || (error instanceof CommandFailed && error.error.code === 'forbidden');
}
const askHolderAgain = (error: unknown) => {
  if (sessionGone(error)) void backOfficeQueries.invalidateQueries({ queryKey: holderKey });
};

export const backOfficeQueries: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: askHolderAgain }),
  mutationCache: new MutationCache({ onError: askHolderAgain }),
  defaultOptions: {
    queries: {
      staleTime: 10_000,
      // A 4xx will not get better by asking again; a dropped connection might.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}

/** What to tell staff about a failed request: the server's own reason, or the core's (offline, closed). */
export function problemOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return messageOf(error);
}
