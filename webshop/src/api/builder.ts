import { picksToQuery, type BuildPick, type Cart, type PcSlot } from '@shop/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, queryKeys } from './client';

/** The parts of a builder step with the server's verdict for the picks so far (the shared rules, run there). */
export function useBuilderCandidates(slot: PcSlot, picks: readonly BuildPick[]) {
  const picksQuery = picksToQuery(picks);
  return useQuery({
    queryKey: ['builder', slot, picksQuery] as const,
    queryFn: ({ signal }) =>
      client.builderCandidates({ params: { slot }, query: { picks: picksQuery } }, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useSavedBuild(id: string | undefined) {
  return useQuery({
    queryKey: ['build', id] as const,
    queryFn: ({ signal }) => client.getBuild({ params: { id: id! } }, { signal }),
    enabled: id !== undefined,
    staleTime: Infinity,
  });
}

/** Saves the build: the caller's own one is updated in place, anyone else's becomes a new link. */
export function useSaveBuild() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, picks }: { id?: string; picks: BuildPick[] }) =>
      id ? client.updateBuild({ params: { id }, body: { picks } }) : client.saveBuild({ body: { picks } }),
    onSuccess: (build) => queries.setQueryData(['build', build.id], build),
  });
}

/** The whole build into the cart in one request; the server checks it and answers the new cart. */
export function useAddBuildToCart() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (picks: BuildPick[]) => client.addBuildToCart({ body: { picks } }),
    onSuccess: (cart: Cart) => queries.setQueryData(queryKeys.cart, cart),
  });
}
