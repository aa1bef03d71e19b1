import { pushItemSchema, syncContractVersion, type PushedItem, type PushItem } from '@shop/shared';
import { Invalid } from '../../http/errors';

/**
 * The versions of the sync contract this server takes, and how it reads each one's pushed items into the shape it
 * applies (docs/decisions/0016-upgrades.md). A counter is upgraded when the shop gets round to it, so
 * a newer server keeps every older reader: when an item's shape changes, the new shape becomes the current
 * version's and the old version's reader turns its items into it (or says why it cannot, and the item is parked).
 */
interface ContractReader {
  /** The item types of this version. */
  types: ReadonlySet<string>;
  /** Its item in the shape this server applies; throws (a zod error) for an item not in the version's shape. */
  read(raw: PushedItem): PushItem;
}

const current: ContractReader = {
  types: new Set(pushItemSchema.options.map((option) => option.shape.type.value)),
  read: (raw: PushedItem) => pushItemSchema.parse(raw),
};

// Version 1: the items of shared/src/sync.ts as they were when versions began. Version 2 (issue 17) only added
// optional fields to a sale (the promotions and coupon the counter applied) and entities to the pull, so a version 1
// item reads as it is in the current shape.
const readers: ReadonlyMap<number, ContractReader> = new Map([
  [1, current],
  [2, current],
]);

/** The versions this server takes, oldest first. */
export const knownContracts: readonly number[] = [...readers.keys()];

/**
 * The version a pull or push speaks (absent: 1, a counter built before versions). One newer than this server is
 * refused as a whole, with nothing stored: the counter keeps its queue and goes on once the server is upgraded.
 */
export function contractOf(asked: number | undefined): number {
  const contract = asked ?? 1;
  if (!readers.has(contract))
    throw new Invalid(
      `This counter speaks sync contract ${contract}, newer than this server's ${syncContractVersion}: ` +
        'upgrade the server. The counter keeps what it has queued until then.',
      { contract: `at most ${syncContractVersion}` },
    );
  return contract;
}

/** A pushed item read in its contract version, or why this server cannot take it (the item is then parked). */
export type ReadItem = { item: PushItem; refused?: undefined } | { refused: string };

export function readPushedItem(raw: PushedItem, contract: number): ReadItem {
  const reader = readers.get(contract);
  if (!reader) return { refused: `Sync contract ${contract} is not one this server knows` };
  if (!reader.types.has(raw.type))
    return { refused: `This server does not take items of type "${raw.type}" (sync contract ${contract})` };
  try {
    return { item: reader.read(raw) };
  } catch (error) {
    const issue = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues?.[0];
    const where = issue?.path.length ? `${issue.path.map(String).join('.')}: ` : '';
    const why = `${where}${issue?.message ?? String(error)}`;
    return {
      refused:
        `This ${raw.type} is not in a shape this server takes (sync contract ${contract}): ${why}`.slice(
          0,
          500,
        ),
    };
  }
}
