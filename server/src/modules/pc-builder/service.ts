import { randomBytes } from 'node:crypto';
import {
  buildProblems,
  checkBuild,
  estimateWatts,
  fitReasonText,
  psuWattsNeeded,
  slotKinds,
  slotOfProduct,
  usdCentsToKhr,
  type BuildPick,
  type BuildView,
  type BuilderCandidates,
  type BuilderPart,
  type Cart,
  type PcPart,
  type PcSlot,
  type PickedPart,
  type Role,
  type SavedBuild,
  type Specs,
} from '@shop/shared';
import type { Db } from '../../db/database';
import type { SavedBuildTable } from '../../db/schema';
import { Conflict, Forbidden, Invalid, NotFound } from '../../http/errors';
import { enforceLimits, type Limit } from '../accounts/rate-limit';
import { addLinesToCart, type CartOwner } from '../cart/service';
import { specKindOf, toProductSummary } from '../catalog/present';
import { getPricing } from '../settings/pricing';
import {
  activePartRows,
  findSavedBuild,
  insertSavedBuild,
  partRowsByIds,
  updateOwnSavedBuild,
  type PartRow,
} from './repo';

/**
 * The PC builder (docs/decisions/0020-pc-builder.md): the parts of each step with their fit, computed here with the
 * shared rules (checkBuild) so the web shop and the counter show what the server would accept; saved builds opened
 * by their link; a whole build into the cart after the server checked it itself.
 */

interface Part extends BuilderPart {
  active: boolean;
}

function toPart(row: PartRow): Part | null {
  const specs = JSON.parse(row.specs_json) as Specs;
  const slot = slotOfProduct(specKindOf(row.spec_kind), specs);
  if (!slot) return null;
  return {
    product: toProductSummary(row),
    slot,
    specs,
    available: Math.max(0, Number(row.on_hand) - Number(row.reserved)),
    active: Number(row.active) === 1,
  };
}

const asPcPart = (part: Part): PcPart => ({ id: part.product.id, slot: part.slot, specs: part.specs });

/** The picks' products as builder parts; a pick naming no product, or one of another slot, is left out. */
async function partsOfPicks(
  db: Db,
  picks: readonly { productId: string; quantity: number; slot?: PcSlot }[],
): Promise<{ part: Part; quantity: number }[]> {
  const rows = await partRowsByIds(db, [...new Set(picks.map((p) => p.productId))]);
  const parts = new Map(rows.map((row) => [row.id, toPart(row)]));
  return picks.flatMap((pick) => {
    const part = parts.get(pick.productId);
    if (!part || (pick.slot && pick.slot !== part.slot)) return [];
    return [{ part, quantity: pick.quantity }];
  });
}

async function viewOf(db: Db, picked: { part: Part; quantity: number }[]): Promise<BuildView> {
  const { rielPerUsd } = await getPricing(db);
  const pcPicks: PickedPart[] = picked.map((p) => ({ part: asPcPart(p.part), quantity: p.quantity }));
  const estimatedWatts = estimateWatts(pcPicks);
  const totalCents = picked.reduce((sum, p) => sum + p.part.product.priceCents * p.quantity, 0);
  return {
    parts: picked.map(({ part: { active: _active, ...part }, quantity }) => ({ ...part, quantity })),
    problems: buildProblems(pcPicks),
    estimatedWatts,
    recommendedPsuWatts: psuWattsNeeded(estimatedWatts),
    total: { usdCents: totalCents, khr: usdCentsToKhr(totalCents, rielPerUsd) },
    rielPerUsd,
  };
}

/** The products of a step, each with whether it fits the picks (of the other steps; drives add up). */
export async function builderCandidates(
  db: Db,
  slot: PcSlot,
  picks: readonly { productId: string; quantity: number }[],
): Promise<BuilderCandidates> {
  const picked = (await partsOfPicks(db, picks)).filter((p) => p.part.active);
  const candidates = (await activePartRows(db, slotKinds[slot]))
    .map(toPart)
    .filter((part): part is Part => part?.slot === slot);
  const pcPicks = picked.map((p) => ({ part: asPcPart(p.part), quantity: p.quantity }));
  const verdicts = checkBuild(pcPicks, candidates.map(asPcPart)).candidates;
  return {
    slot,
    items: candidates.map(({ active: _active, ...part }, i) => ({
      ...part,
      fits: verdicts[i]!.fits,
      reasons: verdicts[i]!.reasons,
    })),
    build: await viewOf(db, picked),
  };
}

/** Every pick must name a product of its slot; a build to keep or to buy is not silently trimmed. */
async function checkedPicks(db: Db, picks: readonly BuildPick[]) {
  const picked = await partsOfPicks(db, picks);
  if (picked.length !== picks.length)
    throw new Invalid('A pick names a product that is not a part of its step', { picks: 'unknown part' });
  return picked;
}

function toSavedBuild(row: SavedBuildTable, callerId: string | null, build: BuildView): SavedBuild {
  return {
    id: row.id,
    name: row.name,
    picks: JSON.parse(row.picks_json) as BuildPick[],
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
    mine: row.owner_id !== null && row.owner_id === callerId,
    build,
  };
}

/** 128 random bits: a link nobody can guess or count through. */
const newBuildId = () => randomBytes(16).toString('base64url');

/**
 * Saved builds a client address may make: anyone may save one, signed in or not, so without a limit a script could
 * fill the table. A shop's customers save a few while they compare; staff (a counter building for walk-ins behind the
 * shop's one address) are not counted.
 */
export const savedBuildsPerIp = (ip: string): Limit => ({
  bucket: `builds:ip:${ip}`,
  max: 20,
  windowMs: 10 * 60_000,
});

export async function saveBuild(
  db: Db,
  owner: { id: string; role: Role } | null,
  input: { name?: string; picks: BuildPick[] },
  ip: string | null,
) {
  if (owner?.role !== 'staff' && owner?.role !== 'admin')
    await enforceLimits(db, [savedBuildsPerIp(ip ?? 'unknown')]);
  const ownerId = owner?.id ?? null;
  const picked = await checkedPicks(db, input.picks);
  const now = Date.now();
  const row: SavedBuildTable = {
    id: newBuildId(),
    name: input.name || null,
    picks_json: JSON.stringify(input.picks),
    owner_id: ownerId,
    created_at: now,
    updated_at: now,
  };
  await insertSavedBuild(db, row);
  return toSavedBuild(row, ownerId, await viewOf(db, picked));
}

export async function getSavedBuild(db: Db, id: string, callerId: string | null): Promise<SavedBuild> {
  const row = await findSavedBuild(db, id);
  if (!row) throw new NotFound('No build has this link');
  const picks = JSON.parse(row.picks_json) as BuildPick[];
  return toSavedBuild(row, callerId, await viewOf(db, await partsOfPicks(db, picks)));
}

/** Only the customer who saved a build changes it; anyone else with the link copies it instead. */
export async function updateSavedBuild(
  db: Db,
  id: string,
  callerId: string,
  input: { name?: string; picks: BuildPick[] },
): Promise<SavedBuild> {
  const existing = await findSavedBuild(db, id);
  if (!existing) throw new NotFound('No build has this link');
  await checkedPicks(db, input.picks);
  const changed = await updateOwnSavedBuild(db, id, callerId, {
    name: input.name || null,
    picks_json: JSON.stringify(input.picks),
    updated_at: Date.now(),
  });
  if (!changed) throw new Forbidden('This build is read-only for you: save a copy to change it');
  return getSavedBuild(db, id, callerId);
}

/**
 * The whole build into the cart in one transaction, after checking it here: the browser's verdicts are not
 * trusted. An incompatible build is refused with each reason (`fields`, by reason code, in English; the codes and
 * their parameters are the shared ones the clients render in the customer's language).
 */
export async function addBuildToCart(db: Db, owner: CartOwner, picks: readonly BuildPick[]): Promise<Cart> {
  const picked = await checkedPicks(db, picks);
  const inactive = picked.find((p) => !p.part.active);
  if (inactive) throw new NotFound(`${inactive.part.product.name} is no longer sold`);
  const problems = buildProblems(picked.map((p) => ({ part: asPcPart(p.part), quantity: p.quantity })));
  if (problems.length > 0)
    throw new Conflict(
      `These parts do not fit together: ${problems.map((p) => fitReasonText(p, 'en')).join('; ')}`,
      Object.fromEntries(problems.map((p) => [p.code, fitReasonText(p, 'en')])),
    );
  return addLinesToCart(
    db,
    owner,
    picked.map((p) => ({ productId: p.part.product.id, quantity: p.quantity })),
  );
}
