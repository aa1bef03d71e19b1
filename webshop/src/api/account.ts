import type { Address, AddressInput, ProfilePatch } from '@shop/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, queryKeys } from './client';
import { useSessionChanged } from './session';

/** The signed-in customer's profile, password, sessions, addresses and orders. */

export function useUpdateMe() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProfilePatch) => client.updateMe({ body: patch }),
    onSuccess: ({ user }) => queries.setQueryData(queryKeys.me, user),
  });
}

export function useChangePassword() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (body: { currentPassword: string; newPassword: string }) => client.changePassword({ body }),
    // Every other session ended with the change.
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

export function useSessions() {
  return useQuery({
    queryKey: queryKeys.sessions,
    queryFn: ({ signal }) => client.listSessions({}, { signal }),
    select: (answer) => answer.items,
    staleTime: 0,
  });
}

export function useRevokeSession() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.revokeSession({ params: { id } }),
    onSettled: () => queries.invalidateQueries({ queryKey: queryKeys.sessions }),
  });
}

/** Ends every session of the account, this one too: the visitor is signed out here as well. */
export function useSignOutEverywhere() {
  const sessionChanged = useSessionChanged();
  return useMutation({
    mutationFn: () => client.logoutEverywhere({}),
    onSuccess: sessionChanged,
  });
}

export function useAddresses(options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: queryKeys.addresses,
    queryFn: ({ signal }) => client.listAddresses({}, { signal }),
    select: (answer) => answer.items,
    enabled: options.enabled ?? true,
  });
}

/** Creates an address, or changes the one with `id`. */
export function useSaveAddress() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: AddressInput }): Promise<Address> =>
      id ? client.updateAddress({ params: { id }, body: input }) : client.createAddress({ body: input }),
    // Making one the default changes the others too: ask for the list again.
    onSuccess: () => queries.invalidateQueries({ queryKey: queryKeys.addresses }),
  });
}

export function useSetDefaultAddress() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.updateAddress({ params: { id }, body: { isDefault: true } }),
    onSettled: () => queries.invalidateQueries({ queryKey: queryKeys.addresses }),
  });
}

export function useDeleteAddress() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => client.deleteAddress({ params: { id } }),
    onSettled: () => queries.invalidateQueries({ queryKey: queryKeys.addresses }),
  });
}

export const ORDERS_PAGE_SIZE = 10;

/** The customer's orders, newest first, a page at a time (the previous page stays shown while the next loads). */
export function useMyOrders(page: number, pageSize = ORDERS_PAGE_SIZE, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.orders, { page, pageSize }] as const,
    queryFn: ({ signal }) => client.listOrders({ query: { page, pageSize } }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
  });
}
