import { z } from 'zod';
import { productSummarySchema } from './catalog';
import { specsSchema, type SpecKind, type Specs } from './specs';

/**
 * The PC builder's compatibility rules (docs/decisions/0020-pc-builder.md): which parts of a build fit together,
 * over the specs the catalog keeps. One function, `checkBuild`, is used by the web shop and the counter to list
 * what fits each step, and by the server to refuse an incompatible build when it is added to a cart.
 *
 * A rule can only refuse what the specs prove: a part missing a spec a rule needs is not refused by that rule.
 */

export const pcSlots = ['cpu', 'motherboard', 'memory', 'storage', 'gpu', 'psu', 'case', 'cooler'] as const;
export type PcSlot = (typeof pcSlots)[number];
export const pcSlotSchema = z.enum(pcSlots);

/** Slots holding several products (drives); every other slot holds one product, memory possibly several kits. */
export const multiPartSlots: ReadonlySet<PcSlot> = new Set<PcSlot>(['storage']);
/** At most this many of one pick (two memory kits, four drives). */
export const MAX_PICK_QUANTITY = 4;

/** The power of everything but the CPU and the graphics card: motherboard, memory, drives, fans, USB devices. */
export const BASE_WATTS = 75;
/**
 * The power supply must give 30% more than the estimated draw (tenths, to keep integers): load spikes of modern
 * graphics cards, efficiency and ageing. 7800X3D (120 W) + RTX 4080 SUPER (320 W) + 75 W = 515 W → at least 670 W.
 */
export const PSU_HEADROOM_TENTHS = 13;

export const coolerTypes: ReadonlySet<string> = new Set(['CPU air cooler', 'AIO liquid cooler']);

/** The slot a catalog product belongs to, by its category's spec kind (a cooler is an accessory of a cooler type). */
export function slotOfProduct(kind: SpecKind, specs: Specs): PcSlot | null {
  switch (kind) {
    case 'cpu':
      return 'cpu';
    case 'motherboard':
      return 'motherboard';
    case 'ram':
      return 'memory';
    case 'ssd':
    case 'hdd':
      return 'storage';
    case 'gpu':
      return 'gpu';
    case 'psu':
      return 'psu';
    case 'case':
      return 'case';
    case 'accessory':
      return typeof specs.type === 'string' && coolerTypes.has(specs.type) ? 'cooler' : null;
    default:
      return null;
  }
}

/** The spec kinds whose products may be parts of a slot. */
export const slotKinds: Readonly<Record<PcSlot, readonly SpecKind[]>> = {
  cpu: ['cpu'],
  motherboard: ['motherboard'],
  memory: ['ram'],
  storage: ['ssd', 'hdd'],
  gpu: ['gpu'],
  psu: ['psu'],
  case: ['case'],
  cooler: ['accessory'],
};

export interface PcPart {
  id: string;
  slot: PcSlot;
  specs: Specs;
}

export interface PickedPart {
  part: PcPart;
  quantity: number;
}

export const fitCodes = [
  'socket',
  'memoryType',
  'memorySlots',
  'formFactor',
  'gpuLength',
  'power',
  'm2Slots',
  'coolerSocket',
  'laptopMemory',
  'externalDrive',
] as const;
export type FitCode = (typeof fitCodes)[number];

export const fitReasonSchema = z.object({
  code: z.enum(fitCodes),
  /** The slots whose parts clash. */
  slots: z.array(pcSlotSchema),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
});
export type FitReason = z.infer<typeof fitReasonSchema>;

export interface CandidateVerdict {
  id: string;
  fits: boolean;
  reasons: FitReason[];
}

export interface BuildCheck {
  /** What clashes among the picked parts themselves (empty: the build is compatible). */
  problems: FitReason[];
  /** BASE_WATTS + the CPU's TDP + the graphics card's power. */
  estimatedWatts: number;
  /** The smallest power supply the headroom rule accepts for the estimate. */
  recommendedPsuWatts: number;
  /** For each candidate: whether it fits the picks of the other slots (a drive: also the drives already picked). */
  candidates: CandidateVerdict[];
}

const num = (specs: Specs, key: string): number | undefined =>
  typeof specs[key] === 'number' ? (specs[key] as number) : undefined;
const str = (specs: Specs, key: string): string | undefined =>
  typeof specs[key] === 'string' ? (specs[key] as string).trim() : undefined;
/** "LGA1700, LGA1851 / AM5" → ["LGA1700", "LGA1851", "AM5"]. */
const list = (specs: Specs, key: string): string[] | undefined =>
  str(specs, key)
    ?.split(/[,/]/)
    .map((v) => v.trim())
    .filter(Boolean);
const same = (a: string, b: string) => a.toUpperCase() === b.toUpperCase();

const isM2Drive = (specs: Specs) => str(specs, 'formFactor')?.toUpperCase().startsWith('M.2') === true;
const isExternalDrive = (specs: Specs) =>
  str(specs, 'interface')?.toUpperCase().startsWith('USB') === true ||
  str(specs, 'formFactor') === 'Portable';

export function estimateWatts(picks: readonly PickedPart[]): number {
  const first = (slot: PcSlot) => picks.find((p) => p.part.slot === slot)?.part.specs;
  const cpu = first('cpu');
  const gpu = first('gpu');
  return BASE_WATTS + (cpu ? (num(cpu, 'tdpW') ?? 0) : 0) + (gpu ? (num(gpu, 'powerW') ?? 0) : 0);
}

export function psuWattsNeeded(estimate: number): number {
  return Math.ceil((estimate * PSU_HEADROOM_TENTHS) / 10);
}

/** Every clash among these picks. */
export function buildProblems(picks: readonly PickedPart[]): FitReason[] {
  const of = (slot: PcSlot) => picks.filter((p) => p.part.slot === slot);
  const one = (slot: PcSlot) => of(slot)[0]?.part.specs;
  const cpu = one('cpu');
  const board = one('motherboard');
  const gpu = one('gpu');
  const psu = one('psu');
  const pcCase = one('case');
  const cooler = one('cooler');
  const memory = of('memory');
  const storage = of('storage');
  const reasons: FitReason[] = [];
  const refuse = (code: FitCode, slots: PcSlot[], params: FitReason['params']) =>
    reasons.push({ code, slots, params });

  const cpuSocket = cpu && str(cpu, 'socket');
  const boardSocket = board && str(board, 'socket');
  if (cpuSocket && boardSocket && !same(cpuSocket, boardSocket))
    refuse('socket', ['cpu', 'motherboard'], { cpu: cpuSocket, board: boardSocket });

  for (const kit of memory) {
    const type = str(kit.part.specs, 'type');
    if (type?.toUpperCase().includes('SO-DIMM')) refuse('laptopMemory', ['memory'], { memory: type });
    else if (type && board && str(board, 'memoryType') && !same(type, str(board, 'memoryType')!))
      refuse('memoryType', ['memory', 'motherboard'], { memory: type, board: str(board, 'memoryType')! });
  }
  const modules = memory.reduce((sum, kit) => sum + (num(kit.part.specs, 'modules') ?? 1) * kit.quantity, 0);
  const memorySlots = board && num(board, 'memorySlots');
  if (memory.length > 0 && memorySlots !== undefined && modules > memorySlots)
    refuse('memorySlots', ['memory', 'motherboard'], { modules, slots: memorySlots });

  for (const drive of storage)
    if (isExternalDrive(drive.part.specs))
      refuse('externalDrive', ['storage'], { interface: str(drive.part.specs, 'interface') ?? 'USB' });
  const m2Drives = storage.filter((d) => isM2Drive(d.part.specs)).reduce((sum, d) => sum + d.quantity, 0);
  const m2Slots = board && num(board, 'm2Slots');
  if (m2Drives > 0 && m2Slots !== undefined && m2Drives > m2Slots)
    refuse('m2Slots', ['storage', 'motherboard'], { drives: m2Drives, slots: m2Slots });

  const boardForm = board && str(board, 'formFactor');
  const caseForms = pcCase && list(pcCase, 'boardFormFactors');
  if (boardForm && caseForms && !caseForms.some((f) => same(f, boardForm)))
    refuse('formFactor', ['motherboard', 'case'], { board: boardForm, supported: caseForms.join(', ') });

  const length = gpu && num(gpu, 'lengthMm');
  const maxLength = pcCase && num(pcCase, 'maxGpuLengthMm');
  if (length !== undefined && maxLength !== undefined && length > maxLength)
    refuse('gpuLength', ['gpu', 'case'], { length, max: maxLength });

  const psuWatts = psu && num(psu, 'wattage');
  const estimate = estimateWatts(picks);
  if (psuWatts !== undefined && (cpu || gpu) && psuWatts < psuWattsNeeded(estimate))
    refuse('power', ['psu', ...(cpu ? (['cpu'] as const) : []), ...(gpu ? (['gpu'] as const) : [])], {
      psu: psuWatts,
      needed: psuWattsNeeded(estimate),
      estimate,
    });

  const coolerSockets = cooler && list(cooler, 'sockets');
  if (cpuSocket && coolerSockets && !coolerSockets.some((s) => same(s, cpuSocket)))
    refuse('coolerSocket', ['cooler', 'cpu'], { socket: cpuSocket, sockets: coolerSockets.join(', ') });

  return reasons;
}

/**
 * The build's clashes, its estimated power, and for each candidate part whether it fits what was picked in the
 * other slots (and the reasons when not). A candidate replaces the pick of its slot, except a drive, which is
 * added to the drives already picked.
 */
export function checkBuild(picks: readonly PickedPart[], candidates: readonly PcPart[] = []): BuildCheck {
  const estimatedWatts = estimateWatts(picks);
  return {
    problems: buildProblems(picks),
    estimatedWatts,
    recommendedPsuWatts: psuWattsNeeded(estimatedWatts),
    candidates: candidates.map((part) => {
      const others = multiPartSlots.has(part.slot) ? picks : picks.filter((p) => p.part.slot !== part.slot);
      const reasons = buildProblems([...others, { part, quantity: 1 }]).filter((r) =>
        r.slots.includes(part.slot),
      );
      return { id: part.id, fits: reasons.length === 0, reasons };
    }),
  };
}

export type PcLanguage = 'en' | 'km';

export const pcSlotLabels: Readonly<Record<PcSlot, readonly [en: string, km: string]>> = {
  cpu: ['Processor (CPU)', 'ស៊ីភីយូ (CPU)'],
  motherboard: ['Motherboard', 'មេបន្ទះ (Motherboard)'],
  memory: ['Memory (RAM)', 'អង្គចងចាំ (RAM)'],
  storage: ['Storage', 'ឧបករណ៍ផ្ទុកទិន្នន័យ'],
  gpu: ['Graphics card', 'កាតក្រាហ្វិក'],
  psu: ['Power supply', 'ប្រភពថាមពល (PSU)'],
  case: ['Case', 'ប្រអប់កុំព្យូទ័រ (Case)'],
  cooler: ['CPU cooler', 'ឧបករណ៍ត្រជាក់ CPU'],
};

export function pcSlotLabel(slot: PcSlot, language: PcLanguage): string {
  return pcSlotLabels[slot][language === 'km' ? 1 : 0];
}

type Template = (p: FitReason['params']) => string;

const reasonTexts: Readonly<Record<FitCode, readonly [en: Template, km: Template]>> = {
  socket: [
    (p) => `Processor socket ${p.cpu} does not match the motherboard's ${p.board}`,
    (p) => `ស៊ីភីយូរន្ធ ${p.cpu} មិនត្រូវនឹងមេបន្ទះរន្ធ ${p.board} ទេ (រន្ធដោត)`,
  ],
  memoryType: [
    (p) => `${p.memory} memory does not fit a ${p.board} motherboard`,
    (p) => `អង្គចងចាំ ${p.memory} មិនត្រូវនឹងមេបន្ទះ ${p.board} ទេ`,
  ],
  memorySlots: [
    (p) => `${p.modules} memory modules, but the motherboard has ${p.slots} slots`,
    (p) => `អង្គចងចាំ ${p.modules} បន្ទះ ប៉ុន្តែមេបន្ទះមានតែ ${p.slots} រន្ធ`,
  ],
  formFactor: [
    (p) => `The ${p.board} motherboard does not fit this case (it takes ${p.supported})`,
    (p) => `មេបន្ទះ ${p.board} មិនចូលប្រអប់នេះទេ (ប្រអប់នេះដាក់បាន ${p.supported})`,
  ],
  gpuLength: [
    (p) => `The graphics card is ${p.length} mm long; the case takes cards up to ${p.max} mm`,
    (p) => `កាតក្រាហ្វិកវែង ${p.length} mm ប្រអប់ដាក់បានត្រឹម ${p.max} mm`,
  ],
  power: [
    (p) =>
      `Needs a power supply of at least ${p.needed} W (estimated draw ${p.estimate} W + 30%); this one gives ${p.psu} W`,
    (p) =>
      `ត្រូវការប្រភពថាមពលយ៉ាងតិច ${p.needed} W (ការប្រើប្រាស់ប៉ាន់ស្មាន ${p.estimate} W + 30%) ប្រភពនេះមាន ${p.psu} W`,
  ],
  m2Slots: [
    (p) => `${p.drives} M.2 drives, but the motherboard has ${p.slots} M.2 slots`,
    (p) => `ដ្រាយ M.2 ចំនួន ${p.drives} ប៉ុន្តែមេបន្ទះមានរន្ធ M.2 តែ ${p.slots}`,
  ],
  coolerSocket: [
    (p) => `This cooler does not fit socket ${p.socket} (it fits ${p.sockets})`,
    (p) => `ឧបករណ៍ត្រជាក់នេះមិនត្រូវនឹងរន្ធ ${p.socket} ទេ (ត្រូវនឹង ${p.sockets})`,
  ],
  laptopMemory: [
    () => 'Laptop memory (SO-DIMM) does not fit a desktop motherboard',
    () => 'អង្គចងចាំកុំព្យូទ័រយួរដៃ (SO-DIMM) មិនត្រូវនឹងមេបន្ទះកុំព្យូទ័រលើតុទេ',
  ],
  externalDrive: [
    (p) => `An external drive (${p.interface}), not a part inside the PC`,
    (p) => `ដ្រាយខាងក្រៅ (${p.interface}) មិនមែនជាគ្រឿងដាក់ក្នុងកុំព្យូទ័រទេ`,
  ],
};

/** A reason as a customer reads it. */
export function fitReasonText(reason: FitReason, language: PcLanguage): string {
  return reasonTexts[reason.code][language === 'km' ? 1 : 0](reason.params);
}

// What travels over the API.

export const buildPickSchema = z.object({
  slot: pcSlotSchema,
  productId: z.string().min(1).max(40),
  quantity: z.number().int().min(1).max(MAX_PICK_QUANTITY).default(1),
});
export type BuildPick = z.infer<typeof buildPickSchema>;

export const buildPicksSchema = z
  .array(buildPickSchema)
  .min(1)
  .max(16)
  .refine(
    (picks) =>
      pcSlots.every((slot) => multiPartSlots.has(slot) || picks.filter((p) => p.slot === slot).length <= 1),
    { message: 'one product per slot (drives excepted)' },
  );

/** `id:qty` pairs in a query string: "01J…:1,01K…:2". */
export const picksQuerySchema = z
  .string()
  .max(600)
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .filter(Boolean)
      .map((pair) => {
        const [productId, quantity] = pair.split(':');
        return {
          productId: productId ?? '',
          quantity: Math.min(MAX_PICK_QUANTITY, Math.max(1, Number(quantity) || 1)),
        };
      })
      .filter((p) => /^[0-9A-Za-z]{1,40}$/.test(p.productId))
      .slice(0, 16),
  );

export function picksToQuery(picks: readonly { productId: string; quantity: number }[]): string {
  return picks.map((p) => `${p.productId}:${p.quantity}`).join(',');
}

const money = z.object({ usdCents: z.number().int(), khr: z.number().int() });

/** A part as the builder lists it: the catalog's summary, its specs (the rules read them) and its stock now. */
export const builderPartSchema = z.object({
  product: productSummarySchema,
  slot: pcSlotSchema,
  specs: specsSchema,
  /** Units that can be sold now (on hand − reserved), shown on each part. */
  available: z.number().int(),
});
export type BuilderPart = z.infer<typeof builderPartSchema>;

export const builderCandidateSchema = builderPartSchema.extend({
  fits: z.boolean(),
  reasons: z.array(fitReasonSchema),
});
export type BuilderCandidate = z.infer<typeof builderCandidateSchema>;

/** A build as the server sees it now: its parts priced now, clashes, power estimate and total. */
export const buildViewSchema = z.object({
  parts: z.array(builderPartSchema.extend({ quantity: z.number().int() })),
  problems: z.array(fitReasonSchema),
  estimatedWatts: z.number().int(),
  recommendedPsuWatts: z.number().int(),
  total: money,
  rielPerUsd: z.number().int(),
});
export type BuildView = z.infer<typeof buildViewSchema>;

export const builderCandidatesSchema = z.object({
  slot: pcSlotSchema,
  items: z.array(builderCandidateSchema),
  build: buildViewSchema,
});
export type BuilderCandidates = z.infer<typeof builderCandidatesSchema>;

export const savedBuildInputSchema = z.object({
  name: z.string().trim().max(80).optional(),
  picks: buildPicksSchema,
});
export type SavedBuildInput = z.input<typeof savedBuildInputSchema>;

export const savedBuildSchema = z
  .object({
    id: z.string(),
    name: z.string().nullable(),
    picks: z.array(buildPickSchema),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    /** The caller made it while signed in, and may change it; anyone else with the link reads it and may copy it. */
    mine: z.boolean(),
    build: buildViewSchema,
  })
  .meta({ id: 'SavedBuild' });
export type SavedBuild = z.infer<typeof savedBuildSchema>;

export const buildToCartInputSchema = z.object({ picks: buildPicksSchema });
