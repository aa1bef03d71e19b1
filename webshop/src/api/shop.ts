import { useQuery } from '@tanstack/react-query';
import { client, queryKeys } from './client';

/** The shop's name, exchange rate, contact details and whether payments are simulated (demo). */
export function useShopInfo() {
  return useQuery({
    queryKey: queryKeys.shop,
    queryFn: () => client.getShopInfo({}),
    staleTime: 10 * 60_000,
  });
}
