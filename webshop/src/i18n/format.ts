/**
 * Dates as customers read them, on the shop's clock whatever the device's time zone: the shared formatting of
 * shared/src/shop-time.ts (Khmer month names written by hand, English as en-GB writes it), under the pages' names.
 */
export { formatShopDate as formatDate, formatShopDateTime as formatDateTime } from '@shop/shared';
