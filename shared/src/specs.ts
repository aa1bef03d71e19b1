import { z } from 'zod';
import { specWordsKm } from './spec-words-km';

/**
 * Typed product specifications. Each category has a spec kind; a kind lists its attributes, their type, unit and
 * whether the catalog offers them as a filter (facet). Products store their specs as `{ [key]: value }` checked
 * against their kind, and the server indexes every attribute for filtering and search.
 */
export type SpecValueType = 'text' | 'number' | 'boolean';

export interface SpecAttribute {
  key: string;
  label: string;
  /** The label on Khmer pages. */
  labelKm: string;
  type: SpecValueType;
  unit?: string;
  /** What a unit-less number counts, in English and Khmer: 6 → "6 cores" / "6 ស្នូល". */
  counts?: readonly [en: string, km: string];
  /** Written before the number instead of a unit: casLatency 16 → "CL16". */
  prefix?: string;
  /** Values are words (a colour, a connection), not model names: Khmer pages need them translated. */
  words?: boolean;
  /** A product card names it ("Memory 16GB"): its value alone would not say what it is. */
  cardLabel?: boolean;
  /** Offered as a filter with value counts on category and search pages. */
  facet: boolean;
  /**
   * Read by the PC builder's rules (pc-builder.ts): shown on the product page, but not on cards and not indexed for
   * search, where "2" M.2 slots or "ATX, Micro-ATX" supported boards would match what a customer did not mean.
   */
  builderOnly?: boolean;
}

type Extra = Partial<
  Pick<SpecAttribute, 'counts' | 'prefix' | 'words' | 'cardLabel' | 'facet' | 'builderOnly'>
>;

const text = (key: string, label: string, labelKm: string, extra: Extra = {}): SpecAttribute => ({
  key,
  label,
  labelKm,
  type: 'text',
  facet: true,
  ...extra,
});
const words = (key: string, label: string, labelKm: string, extra: Extra = {}): SpecAttribute =>
  text(key, label, labelKm, { words: true, ...extra });
const num = (
  key: string,
  label: string,
  labelKm: string,
  unit: string,
  extra: Extra = {},
): SpecAttribute => ({
  key,
  label,
  labelKm,
  type: 'number',
  unit,
  facet: true,
  ...extra,
});
const bool = (key: string, label: string, labelKm: string, extra: Extra = {}): SpecAttribute => ({
  key,
  label,
  labelKm,
  type: 'boolean',
  facet: true,
  ...extra,
});
const noFilter = { facet: false } as const;
const forBuilder = { facet: false, builderOnly: true } as const;

export const specKinds = {
  cpu: [
    num('cores', 'Cores', 'ស្នូល', '', { counts: ['cores', 'ស្នូល'] }),
    num('threads', 'Threads', 'ខ្សែស្រឡាយ (threads)', '', { counts: ['threads', 'ខ្សែស្រឡាយ'], facet: false }),
    text('socket', 'Socket', 'រន្ធដោត'),
    num('baseClockGhz', 'Base clock', 'ល្បឿនមូលដ្ឋាន', 'GHz', noFilter),
    num('boostClockGhz', 'Boost clock', 'ល្បឿនអតិបរមា', 'GHz', noFilter),
    num('tdpW', 'TDP', 'ថាមពលកម្ដៅ (TDP)', 'W', noFilter),
    bool('integratedGraphics', 'Integrated graphics', 'ក្រាហ្វិកក្នុងខ្លួន'),
  ],
  motherboard: [
    text('socket', 'Socket', 'រន្ធដោត'),
    text('chipset', 'Chipset', 'ឈីបសិត'),
    words('formFactor', 'Form factor', 'ទំហំ'),
    text('memoryType', 'Memory type', 'ប្រភេទអង្គចងចាំ'),
    num('memorySlots', 'Memory slots', 'រន្ធអង្គចងចាំ', '', { counts: ['slots', 'រន្ធ'], facet: false }),
    bool('wifi', 'Wi-Fi', 'Wi-Fi'),
    num('m2Slots', 'M.2 slots', 'រន្ធ M.2', '', { counts: ['M.2 slots', 'រន្ធ M.2'], ...forBuilder }),
  ],
  ram: [
    num('capacityGb', 'Capacity', 'ចំណុះ', 'GB'),
    text('type', 'Type', 'ប្រភេទ'),
    num('speedMts', 'Speed', 'ល្បឿន', 'MT/s'),
    num('modules', 'Modules', 'ចំនួនបន្ទះ', '', { counts: ['modules', 'បន្ទះ'], facet: false }),
    num('casLatency', 'CAS latency', 'ពេលពន្យារ CAS', '', { prefix: 'CL', facet: false }),
  ],
  ssd: [
    num('capacityGb', 'Capacity', 'ចំណុះ', 'GB'),
    text('interface', 'Interface', 'ចំណុចប្រទាក់'),
    words('formFactor', 'Form factor', 'ទំហំ'),
    num('readMbps', 'Sequential read', 'ល្បឿនអាន', 'MB/s', noFilter),
    num('writeMbps', 'Sequential write', 'ល្បឿនសរសេរ', 'MB/s', noFilter),
  ],
  hdd: [
    num('capacityGb', 'Capacity', 'ចំណុះ', 'GB'),
    num('rpm', 'Spindle speed', 'ល្បឿនបង្វិល', 'rpm'),
    text('interface', 'Interface', 'ចំណុចប្រទាក់', noFilter),
    num('cacheMb', 'Cache', 'ឃ្លាំងសម្ងាត់ (cache)', 'MB', noFilter),
  ],
  gpu: [
    text('chipset', 'Chipset', 'ឈីបសិត'),
    num('memoryGb', 'Memory', 'អង្គចងចាំ', 'GB', { cardLabel: true }),
    text('memoryType', 'Memory type', 'ប្រភេទអង្គចងចាំ', noFilter),
    num('boostClockMhz', 'Boost clock', 'ល្បឿនអតិបរមា', 'MHz', noFilter),
    num('lengthMm', 'Length', 'ប្រវែង', 'mm', noFilter),
    num('recommendedPsuW', 'Recommended PSU', 'ប្រភពថាមពលណែនាំ', 'W', noFilter),
    num('powerW', 'Board power', 'ថាមពលកាត', 'W', forBuilder),
  ],
  psu: [
    num('wattage', 'Wattage', 'អានុភាព', 'W'),
    text('efficiency', 'Efficiency', 'ប្រសិទ្ធភាព'),
    words('modular', 'Modular', 'ប្រភេទខ្សែ'),
  ],
  case: [
    words('formFactor', 'Form factor', 'ទំហំ'),
    words('color', 'Color', 'ពណ៌'),
    words('sidePanel', 'Side panel', 'បន្ទះចំហៀង', noFilter),
    text('boardFormFactors', 'Motherboards', 'មេបន្ទះដែលដាក់បាន', forBuilder),
    num('maxGpuLengthMm', 'Graphics card length', 'ប្រវែងកាតក្រាហ្វិកអតិបរមា', 'mm', forBuilder),
  ],
  monitor: [
    num('sizeInch', 'Size', 'ទំហំអេក្រង់', 'in'),
    text('resolution', 'Resolution', 'គុណភាពបង្ហាញ'),
    num('refreshHz', 'Refresh rate', 'អត្រាធ្វើឱ្យស្រស់', 'Hz'),
    text('panel', 'Panel', 'ប្រភេទផ្ទាំងអេក្រង់'),
    num('responseMs', 'Response time', 'ពេលឆ្លើយតប', 'ms', noFilter),
  ],
  laptop: [
    text('cpu', 'Processor', 'ស៊ីភីយូ'),
    num('ramGb', 'Memory', 'អង្គចងចាំ RAM', 'GB', { cardLabel: true }),
    num('storageGb', 'Storage', 'ទំហំផ្ទុក', 'GB', { cardLabel: true }),
    num('screenInch', 'Screen', 'អេក្រង់', 'in'),
    text('gpu', 'Graphics', 'ក្រាហ្វិក'),
    num('weightKg', 'Weight', 'ទម្ងន់', 'kg', noFilter),
    text('os', 'Operating system', 'ប្រព័ន្ធប្រតិបត្តិការ'),
  ],
  peripheral: [
    words('type', 'Type', 'ប្រភេទ'),
    words('connection', 'Connection', 'ការតភ្ជាប់'),
    words('layout', 'Layout', 'ប្លង់ក្ដារចុច', noFilter),
    text('switches', 'Switches', 'ស្វីច (switches)', noFilter),
    num('dpi', 'DPI', 'DPI', '', { counts: ['DPI', 'DPI'], facet: false }),
  ],
  networking: [
    words('type', 'Type', 'ប្រភេទ'),
    text('wifiStandard', 'Wi-Fi standard', 'ស្តង់ដារ Wi-Fi'),
    num('ports', 'Ports', 'រន្ធ', '', { counts: ['ports', 'រន្ធ'], facet: false }),
    text('speed', 'Speed', 'ល្បឿន'),
  ],
  accessory: [
    words('type', 'Type', 'ប្រភេទ'),
    words('compatibility', 'Compatibility', 'ប្រើជាមួយ', noFilter),
    text('sockets', 'CPU sockets', 'រន្ធ CPU', forBuilder),
  ],
  general: [],
} as const satisfies Record<string, readonly SpecAttribute[]>;

export type SpecKind = keyof typeof specKinds;
export const specKindNames = Object.keys(specKinds) as [SpecKind, ...SpecKind[]];
export const specKindSchema = z.enum(specKindNames);

export type SpecValue = string | number | boolean;
export type Specs = Record<string, SpecValue>;

const specValueSchema = z.union([z.string().trim().min(1).max(120), z.number().finite(), z.boolean()]);
export const specsSchema = z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9]{0,39}$/), specValueSchema);

export function specAttributes(kind: SpecKind): readonly SpecAttribute[] {
  return specKinds[kind];
}

/** Returns a message per wrong attribute (unknown key, wrong type) for specs of the given kind; empty when valid. */
export function checkSpecs(kind: SpecKind, specs: Specs): Record<string, string> {
  const attributes = new Map(specAttributes(kind).map((a) => [a.key, a]));
  const problems: Record<string, string> = {};
  for (const [key, value] of Object.entries(specs)) {
    const attribute = attributes.get(key);
    if (!attribute) problems[key] = `"${key}" is not a specification of ${kind} products`;
    else if (typeof value !== typeForSpec(attribute.type)) problems[key] = `must be a ${attribute.type}`;
  }
  return problems;
}

function typeForSpec(type: SpecValueType): 'string' | 'number' | 'boolean' {
  return type === 'text' ? 'string' : type;
}

/** How a spec value reads to a customer, e.g. capacityGb 2000 → "2TB", boostClockGhz 5.4 → "5.4 GHz". */
export function formatSpecValue(attribute: SpecAttribute, value: SpecValue): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') return value;
  if (attribute.unit === 'GB' && value >= 1000 && value % 1000 === 0) return `${value / 1000}TB`;
  if (attribute.unit === 'GB') return `${value}GB`;
  return attribute.unit ? `${value} ${attribute.unit}` : String(value);
}

export type SpecLanguage = 'en' | 'km';

/** Big counts read better grouped ("26,000 DPI"); four-digit speeds are written plain ("3200 MT/s", "7200 rpm"). */
function groupedNumber(value: number): string {
  return value >= 10_000 ? value.toLocaleString('en-US') : String(value);
}

/**
 * How a spec value reads on a page in `language`: "6 cores" / "6 ស្នូល", "26,000 DPI", "2TB", Wi-Fi "Yes" / "មាន".
 * Undefined in Khmer when the value is words the shop has no Khmer for (the page shows the English, marked).
 */
export function specDisplay(
  attribute: SpecAttribute,
  value: SpecValue,
  language: SpecLanguage,
): string | undefined {
  const km = language === 'km';
  if (typeof value === 'boolean') return km ? (value ? 'មាន' : 'គ្មាន') : value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (!km) return value;
    return specWordsKm.get(value) ?? (attribute.words && /[a-z]{3}/.test(value) ? undefined : value);
  }
  if (attribute.prefix) return `${attribute.prefix}${value}`;
  if (attribute.counts) return `${groupedNumber(value)} ${attribute.counts[km ? 1 : 0]}`;
  return formatSpecValue(attribute, value);
}

/** The few specs a product card shows, each saying what it is: "6 cores / 12 threads", "AM5", "5.4 GHz". */
export function cardSpecs(kind: SpecKind, specs: Specs, language: SpecLanguage, count = 3): string[] {
  const attributes = specAttributes(kind).filter(
    (a) => specs[a.key] !== undefined && a.type !== 'boolean' && !a.builderOnly,
  );
  const shown = (a: SpecAttribute) => {
    const value = specDisplay(a, specs[a.key]!, language) ?? specDisplay(a, specs[a.key]!, 'en')!;
    return a.cardLabel ? `${language === 'km' ? a.labelKm : a.label} ${value}` : value;
  };
  const lines: string[] = [];
  for (const attribute of attributes) {
    // Threads belong with cores, as shops write them: "6 cores / 12 threads".
    if (attribute.key === 'threads' && specs.cores !== undefined) continue;
    const threads = specAttributes(kind).find((a) => a.key === 'threads');
    lines.push(
      attribute.key === 'cores' && threads && specs.threads !== undefined
        ? `${shown(attribute)} / ${shown(threads)}`
        : shown(attribute),
    );
  }
  return lines.slice(0, count);
}
