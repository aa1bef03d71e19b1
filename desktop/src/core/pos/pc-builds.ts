import { fitReasonText, savedBuildSchema, type SavedBuild } from '@shop/shared';
import type { ProductHit } from '../catalog/lookup';
import { refuse } from '../refusals';
import { addLine, type Cart } from './cart';

/**
 * A PC build from the web shop's builder at the counter: the customer shows its link (or its QR, scanned), the
 * counter asks the server for its picks (a saved build lives only there) and adds every part to the sale in one
 * step from the local catalog, at the counter's prices, as any sale does (offline once the build is known).
 */

/** The id in a build's link (`https://shop/builder/<id>`) or the id itself; null when it is neither. */
export function buildIdOf(link: string): string | null {
  const text = link.trim();
  const match = /(?:^|\/builder\/)([A-Za-z0-9_-]{22})(?:[/?#].*)?$/.exec(text);
  return match ? match[1]! : null;
}

/** The saved build from the shop server (public by its link; no session or device token is sent). */
export async function fetchSavedBuild(options: {
  serverUrl: string | null;
  id: string;
  fetch?: typeof fetch;
  timeoutMs: number;
}): Promise<SavedBuild> {
  if (!options.serverUrl) throw refuse('offline', 'buildNeedsServer');
  const send = options.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(`${options.serverUrl.replace(/\/$/, '')}/api/v1/builds/${options.id}`, {
      signal: AbortSignal.timeout(options.timeoutMs),
    });
  } catch {
    throw refuse('offline', 'buildNeedsServer');
  }
  if (response.status === 404 || response.status === 400) throw refuse('not_found', 'buildUnknown');
  if (!response.ok) throw refuse('offline', 'buildNeedsServer');
  return savedBuildSchema.parse(await response.json());
}

/**
 * The sale with every part of the build added (all or none): a build whose parts do not fit together, or naming a
 * product this counter does not know, is refused with the reason.
 */
export function addBuildToCart(
  cart: Cart,
  build: SavedBuild,
  productOf: (id: string) => ProductHit | null | undefined,
): Cart {
  if (build.build.problems.length > 0)
    throw refuse('conflict', 'buildIncompatible', {
      reasons: build.build.problems.map((p) => fitReasonText(p, 'en')).join('; '),
    });
  let next = cart;
  for (const pick of build.picks) {
    const hit = productOf(pick.productId);
    if (!hit) throw refuse('not_found', 'productUnknown');
    next = addLine(next, hit, pick.quantity);
  }
  return next;
}
