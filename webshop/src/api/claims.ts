import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client } from './client';

/** Warranty lookup and the customer's repair claims (issue 18). */

export const CLAIMS_PAGE_SIZE = 20;
const claimsKey = ['claims'] as const;
const claimKey = (id: string) => ['claims', id] as const;

/** A serial number's warranty; asked only once a serial is entered (each check counts towards a rate limit). */
export function useWarrantyLookup(serial: string) {
  return useQuery({
    queryKey: ['warranty', serial] as const,
    queryFn: ({ signal }) => client.lookupWarranty({ query: { serial } }, { signal }),
    enabled: serial.length > 0,
    retry: false,
    staleTime: 60_000,
  });
}

export function useMyClaims(page: number) {
  return useQuery({
    queryKey: [...claimsKey, 'list', { page }] as const,
    queryFn: ({ signal }) => client.listMyClaims({ query: { page, pageSize: CLAIMS_PAGE_SIZE } }, { signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}

export function useMyClaim(id: string) {
  return useQuery({
    queryKey: claimKey(id),
    queryFn: ({ signal }) => client.getMyClaim({ params: { id } }, { signal }),
    staleTime: 0,
    // Staff move it along while the page may be open.
    refetchOnWindowFocus: 'always',
  });
}

export function useAcceptClaimQuote(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => client.acceptMyClaimQuote({ params: { id } }),
    onSuccess: (claim) => {
      queries.setQueryData(claimKey(id), claim);
      void queries.invalidateQueries({ queryKey: [...claimsKey, 'list'] });
    },
  });
}
