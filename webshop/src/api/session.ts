import type { User } from '@shop/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, queryKeys } from './client';

/** The signed-in customer, or null for a visitor. */
export function useMe() {
  return useQuery({
    queryKey: queryKeys.me,
    // A visitor is an answer (null), not an error: no 401 in the console on every page load.
    queryFn: async ({ signal }): Promise<User | null> => (await client.getSession({}, { signal })).user,
    staleTime: 5 * 60_000,
  });
}

/** Answers that belong to the visitor (the catalog is the same for everyone). */
const visitorBound = (query: { queryKey: readonly unknown[] }) =>
  query.queryKey[0] !== 'products' && query.queryKey[0] !== 'categories' && query.queryKey[0] !== 'shop';

/**
 * After signing in or out, everything tied to the visitor (cart, orders, addresses) is someone else's now: answers
 * nobody shows are dropped, the ones on screen are reset and load afresh (removing those would leave their
 * components watching a query that no longer updates).
 */
export function useSessionChanged() {
  const queries = useQueryClient();
  return async () => {
    queries.removeQueries({ predicate: (q) => visitorBound(q) && !q.isActive() });
    await queries.resetQueries({ predicate: visitorBound });
  };
}

export function useSignOut() {
  const sessionChanged = useSessionChanged();
  return useMutation({
    mutationFn: () => client.logout({}),
    onSettled: sessionChanged,
  });
}
