import { ApiError, createClientFromManifest } from '@shop/shared/client-core';
import { QueryClient } from '@tanstack/react-query';
import routes from 'virtual:shop-routes';

/** The typed API client, same origin as the page (the server serves both the shop and /api). */
export const client = createClientFromManifest(routes);

/** The cache of answers: one per browser tab, one per request on the server (entry-server.tsx). */
export function newQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again; a dropped connection might.
        retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Keys of cached answers, in one place so a change can invalidate exactly what it touched. */
export const queryKeys = {
  shop: ['shop'] as const,
  me: ['me'] as const,
  cart: ['cart'] as const,
  /** The cart priced with a coupon the customer typed (GET /cart?coupon=). */
  cartWithCoupon: (coupon: string) => ['cart', { coupon }] as const,
  categories: ['categories'] as const,
  promotions: ['promotions'] as const,
  products: (query: object) => ['products', query] as const,
  product: (slug: string) => ['product', slug] as const,
  orders: ['orders'] as const,
  order: (id: string) => ['order', id] as const,
  payment: (id: string) => ['order', id, 'payment'] as const,
  addresses: ['addresses'] as const,
  wishlist: (userId: string | null) => ['wishlist', userId] as const,
  notifications: (userId: string | null) => ['notifications', userId] as const,
  notificationPreferences: (userId: string | null) => ['notifications', userId, 'preferences'] as const,
  sessions: ['sessions'] as const,
  inquiries: ['inquiries'] as const,
  inquiry: (id: string) => ['inquiries', id] as const,
};

export function isApiError(error: unknown, status?: number): error is ApiError {
  return error instanceof ApiError && (status === undefined || error.status === status);
}
