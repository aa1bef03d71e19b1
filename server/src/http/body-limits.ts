import type { RouteName } from '@shop/shared';

const KIB = 1024;

/**
 * The most a JSON body may weigh. A sign-in, a cart line, an address or an order of 50 lines is well under 4 KiB, so
 * the default leaves room for Khmer text (three bytes a character) without letting anyone make the server hold much.
 */
export const DEFAULT_BODY_LIMIT = 16 * KIB;

/** Routes whose schemas allow more, each sized from its longest valid body (in UTF-8, Khmer included). */
const largerBodies: Partial<Record<RouteName, number>> = {
  // a 5,000-character message
  openInquiry: 64 * KIB,
  replyToMyInquiry: 64 * KIB,
  replyToInquiry: 64 * KIB,
  // a 10,000-character description and the specs
  createProduct: 128 * KIB,
  updateProduct: 128 * KIB,
  // up to 1,000 serial numbers of 64 characters
  recordStockMovement: 128 * KIB,
  // at handover: up to 99 serial numbers on each of 50 lines
  transitionOrder: 512 * KIB,
  // a counter's batch: 200 sales of a few lines (about 300 bytes each) with room for serial numbers; a counter with
  // a bigger backlog sends smaller batches (a 413 tells it to)
  pushItems: 2048 * KIB,
};

export function bodyLimitOf(route: RouteName): number {
  return largerBodies[route] ?? DEFAULT_BODY_LIMIT;
}
