import type {
  Order,
  OrderPayment,
  PaymentProof,
  PlaceGuestOrderInput,
  PlaceOrderInput,
  PlacePreOrderInput,
} from '@shop/shared';
import { saveFile } from '@shop/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useOrderAccess } from '../orders/order-access';
import { client, queryKeys } from './client';

/** How often the pay page asks whether the money has arrived (the server asks Bakong, never the browser). */
export const PAYMENT_POLL_MS = 3_000;

/** Only these payment states can still change by themselves (a bank app paying, staff reviewing). */
function stillMoving(payment: OrderPayment | undefined): boolean {
  return payment?.status === 'pending' || payment?.status === 'review';
}

/** One order; asked again now and then while staff check its payment, so the page turns to paid by itself. */
export function useOrder(id: string) {
  const token = useOrderAccess();
  return useQuery({
    queryKey: queryKeys.order(id),
    queryFn: ({ signal }) =>
      token
        ? client.openGuestOrder({ params: { id }, body: { token } }, { signal })
        : client.getOrder({ params: { id } }, { signal }),
    staleTime: 10_000,
    refetchInterval: (query) => (query.state.data?.status === 'payment_review' ? PAYMENT_POLL_MS * 2 : false),
  });
}

/**
 * The order's KHQR and whether it is paid, asked again every few seconds while the QR can still be paid or staff
 * are checking a payment (`keepPolling`: a screenshot waits for staff); it stops once the order is paid, expired or
 * cancelled.
 */
export function useOrderPayment(id: string, options: { keepPolling?: boolean } = {}) {
  const token = useOrderAccess();
  return useQuery({
    queryKey: queryKeys.payment(id),
    queryFn: async ({ signal }) =>
      onThisDevicesClock(
        token
          ? await client.getGuestOrderPayment({ params: { id }, body: { token } }, { signal })
          : await client.getOrderPayment({ params: { id } }, { signal }),
      ),
    staleTime: 0,
    refetchInterval: (query) =>
      stillMoving(query.state.data) || (options.keepPolling && query.state.data?.status !== 'paid')
        ? PAYMENT_POLL_MS
        : false,
    // A phone that comes back from the bank app should see the payment at once, not after the next tick.
    refetchOnWindowFocus: 'always',
  });
}

/**
 * The payment screenshots sent for an order (a guest's by the token of the link); asked again while one waits for
 * staff, to show their decision.
 */
export function usePaymentProofs(id: string) {
  const token = useOrderAccess();
  return useQuery({
    queryKey: proofsKey(id),
    queryFn: ({ signal }) =>
      token
        ? client.listGuestPaymentProofs({ params: { id }, body: { token } }, { signal })
        : client.listOrderPaymentProofs({ params: { id } }, { signal }),
    refetchInterval: (query) =>
      query.state.data?.items.some((proof) => proof.status === 'pending') ? PAYMENT_POLL_MS * 2 : false,
    select: (answer) => answer.items,
  });
}

const proofsKey = (id: string) => [...queryKeys.order(id), 'proofs'] as const;

/**
 * Places the order. The caller keeps one Idempotency-Key per checkout attempt: a double click or a retry after a
 * dropped connection is answered with the order the first request made, never a second order.
 */
export function usePlaceOrder() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: PlaceOrderInput; idempotencyKey: string }) =>
      client.placeOrder({ body: input }, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: (order) => {
      queries.setQueryData(queryKeys.order(order.id), order);
      void queries.invalidateQueries({ queryKey: queryKeys.cart });
      void queries.invalidateQueries({ queryKey: queryKeys.orders });
    },
  });
}

/**
 * Places a guest's order (name, phone, email; no account) and keeps the key to its page for this tab; one
 * Idempotency-Key per attempt, as for a customer's.
 */
export function usePlaceGuestOrder() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: ({ input, idempotencyKey }: { input: PlaceGuestOrderInput; idempotencyKey: string }) =>
      client.placeGuestOrder({ body: input }, { headers: { 'Idempotency-Key': idempotencyKey } }),
    onSuccess: ({ order }) => {
      queries.setQueryData(queryKeys.order(order.id), order);
      void queries.invalidateQueries({ queryKey: queryKeys.cart });
    },
  });
}

/** A guest order joins the signed-in account of its email (the page holds its key). */
export function useClaimGuestOrder(id: string) {
  const token = useOrderAccess();
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: () => client.claimGuestOrder({ params: { id }, body: { token: token ?? '' } }),
    onSuccess: changed,
  });
}

/** After a change to one order: its own answer replaces the cached one; its payment and the list are asked again. */
function useOrderChanged() {
  const queries = useQueryClient();
  return (order: Order) => {
    queries.setQueryData(queryKeys.order(order.id), order);
    void queries.invalidateQueries({ queryKey: queryKeys.payment(order.id) });
    void queries.invalidateQueries({ queryKey: queryKeys.orders });
  };
}

export function useCancelOrder(id: string) {
  const token = useOrderAccess();
  const changed = useOrderChanged();
  return useMutation({
    mutationFn: () =>
      token
        ? client.cancelGuestOrder({ params: { id }, body: { token } })
        : client.cancelOrder({ params: { id } }),
    onSuccess: changed,
  });
}

export function useRenewPayment(id: string) {
  const token = useOrderAccess();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: async () =>
      onThisDevicesClock(
        token
          ? await client.renewGuestOrderPayment({ params: { id }, body: { token } })
          : await client.renewOrderPayment({ params: { id } }),
      ),
    onSuccess: (payment) => queries.setQueryData(queryKeys.payment(id), payment),
  });
}

/** Sends a screenshot; a guest's carries the token of the link in a header, never in the address. */
export function useUploadPaymentProof(id: string) {
  const token = useOrderAccess();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (file: File) =>
      token
        ? client.uploadGuestPaymentProof({ params: { id }, orderToken: token, file, fileName: file.name })
        : client.uploadPaymentProof({ params: { id }, file, fileName: file.name }),
    onSuccess: (proof: PaymentProof) => {
      queries.setQueryData<{ items: PaymentProof[] }>(proofsKey(id), (old) => ({
        items: [proof, ...(old?.items ?? []).filter((p) => p.id !== proof.id)],
      }));
    },
  });
}

/** Fetches the invoice PDF (it needs the session cookie) and hands it to the browser as a download. */
export async function downloadInvoice(order: Pick<Order, 'id' | 'number'>): Promise<void> {
  const pdf = await client.getOrderInvoice({ params: { id: order.id }, query: { format: 'pdf' } });
  saveFile(pdf, `invoice-${order.number}.pdf`);
}

/**
 * The QR's expiry moved onto this device's clock: a phone whose clock runs ahead would otherwise show the QR expired
 * early (and be refused a new one as "still valid").
 */
function onThisDevicesClock(payment: OrderPayment): OrderPayment {
  return { ...payment, expiresAt: payment.expiresAt - (payment.serverNow - Date.now()) };
}

/** Pre-orders a product out of stock (its deposit, if any, is the new order's KHQR). */
export function usePlacePreOrder() {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: PlacePreOrderInput) => client.placePreOrder({ body: input }),
    onSuccess: (order) => {
      queries.setQueryData(queryKeys.order(order.id), order);
      void queries.invalidateQueries({ queryKey: queryKeys.orders });
    },
  });
}

/** A KHQR for the rest of an arrived pre-order: the pay panel then shows it as any order's QR. */
export function usePayPreOrderRest(id: string) {
  const queries = useQueryClient();
  return useMutation({
    mutationFn: () => client.payPreOrderRest({ params: { id } }),
    onSuccess: (payment) => {
      queries.setQueryData(queryKeys.payment(id), onThisDevicesClock(payment));
      void queries.invalidateQueries({ queryKey: queryKeys.order(id) });
    },
  });
}
