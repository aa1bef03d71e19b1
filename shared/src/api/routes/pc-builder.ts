import { z } from 'zod';
import { cartSchema } from '../../orders';
import {
  builderCandidatesSchema,
  buildToCartInputSchema,
  pcSlotSchema,
  picksQuerySchema,
  savedBuildInputSchema,
  savedBuildSchema,
} from '../../pc-builder';
import { anyone, defineRoute, publicAccess, signedIn } from '../route';

/** The build id of a share link: 22 characters of base64url (128 random bits), never listed anywhere. */
const buildIdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{22}$/) });

/** The PC builder: parts per step with their fit, saved builds shared by link, a whole build into the cart. */
export const pcBuilderRoutes = {
  builderCandidates: defineRoute({
    method: 'get',
    path: '/builder/candidates/:slot',
    summary:
      "The active products of a builder step with price, stock, specs and whether each fits the picks (`picks`: 'productId:quantity,…')",
    tag: 'builder',
    access: publicAccess,
    params: z.object({ slot: pcSlotSchema }),
    query: z.object({ picks: picksQuerySchema }),
    response: builderCandidatesSchema,
  }),
  saveBuild: defineRoute({
    method: 'post',
    path: '/builds',
    summary: 'Save a build; its id is the share link. A signed-in caller owns it and may change it later',
    tag: 'builder',
    access: anyone,
    body: savedBuildInputSchema,
    response: savedBuildSchema,
    status: 201,
    errors: [404],
  }),
  getBuild: defineRoute({
    method: 'get',
    path: '/builds/:id',
    summary: 'A saved build by its share link (read-only unless the caller owns it)',
    tag: 'builder',
    access: anyone,
    params: buildIdParam,
    response: savedBuildSchema,
    errors: [404],
  }),
  updateBuild: defineRoute({
    method: 'put',
    path: '/builds/:id',
    summary: "Change one's own saved build (another's, or a guest's, is 403: copy it instead)",
    tag: 'builder',
    access: signedIn,
    params: buildIdParam,
    body: savedBuildInputSchema,
    response: savedBuildSchema,
    errors: [403, 404],
  }),
  addBuildToCart: defineRoute({
    method: 'post',
    path: '/builder/cart',
    summary:
      'Add every part of a build to the cart in one step; an incompatible build is refused with its reasons',
    tag: 'builder',
    access: anyone,
    body: buildToCartInputSchema,
    response: cartSchema,
    errors: [404, 409],
  }),
} as const;
