import { createContext, useContext } from 'react';

/**
 * A guest's key to one order's page (issue 15). It comes in the address's fragment of the mailed link
 * (`/orders/:id#access=…`, never sent to a server nor in a Referer) or from the checkout that placed the order, and
 * is kept for this tab only (sessionStorage), so a reload or a sign-up in between keeps the page open.
 */
export const OrderAccessContext = createContext<string | null>(null);

/** The token the order page opens its order with, or null for a signed-in customer's own order. */
export function useOrderAccess(): string | null {
  return useContext(OrderAccessContext);
}

const storageKey = (orderId: string) => `order-access:${orderId}`;

export function rememberOrderAccess(orderId: string, token: string): void {
  try {
    sessionStorage.setItem(storageKey(orderId), token);
  } catch {
    // Storage refused (a private window): the link in the mail still opens the order.
  }
}

/** The key of this order in the page's address, else the one this tab kept. */
export function orderAccessOf(orderId: string): string | null {
  const fromLink = /(?:^#|&)access=([A-Za-z0-9_-]{32,64})/.exec(window.location.hash)?.[1];
  if (fromLink) {
    rememberOrderAccess(orderId, fromLink);
    return fromLink;
  }
  try {
    return sessionStorage.getItem(storageKey(orderId));
  } catch {
    return null;
  }
}
