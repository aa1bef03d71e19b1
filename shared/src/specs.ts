import { z } from 'zod';

/**
 * Typed product specifications. Each category has a spec kind; a kind lists its attributes, their type, unit and
 * whether the catalog offers them as a filter (facet). Products store their specs as `{ [key]: value }` checked
 * against their kind, and the server indexes every attribute for filtering and search.
 */
export type SpecValueType = 'text' | 'number' | 'boolean';

export interface SpecAttribute {
  key: string;
  label: string;
  type: SpecValueType;
  unit?: string;
  /** Offered as a filter with value counts on category and search pages. */
  facet: boolean;
}

const text = (key: string, label: string, facet = true): SpecAttribute => ({
  key,
  label,
  type: 'text',
  facet,
});
const num = (key: string, label: string, unit: string, facet = true): SpecAttribute => ({
  key,
  label,
  type: 'number',
  unit,
  facet,
});
const bool = (key: string, label: string, facet = true): SpecAttribute => ({
  key,
  label,
  type: 'boolean',
  facet,
});

export const specKinds = {
  cpu: [
    text('socket', 'Socket'),
    num('cores', 'Cores', ''),
    num('threads', 'Threads', '', false),
    num('baseClockGhz', 'Base clock', 'GHz', false),
    num('boostClockGhz', 'Boost clock', 'GHz', false),
    num('tdpW', 'TDP', 'W', false),
    bool('integratedGraphics', 'Integrated graphics'),
  ],
  motherboard: [
    text('socket', 'Socket'),
    text('chipset', 'Chipset'),
    text('formFactor', 'Form factor'),
    text('memoryType', 'Memory type'),
    num('memorySlots', 'Memory slots', '', false),
    bool('wifi', 'Wi-Fi'),
  ],
  ram: [
    num('capacityGb', 'Capacity', 'GB'),
    text('type', 'Type'),
    num('speedMts', 'Speed', 'MT/s'),
    num('modules', 'Modules', '', false),
    num('casLatency', 'CAS latency', '', false),
  ],
  ssd: [
    num('capacityGb', 'Capacity', 'GB'),
    text('interface', 'Interface'),
    text('formFactor', 'Form factor'),
    num('readMbps', 'Sequential read', 'MB/s', false),
    num('writeMbps', 'Sequential write', 'MB/s', false),
  ],
  hdd: [
    num('capacityGb', 'Capacity', 'GB'),
    num('rpm', 'Spindle speed', 'rpm'),
    text('interface', 'Interface', false),
    num('cacheMb', 'Cache', 'MB', false),
  ],
  gpu: [
    text('chipset', 'Chipset'),
    num('memoryGb', 'Memory', 'GB'),
    text('memoryType', 'Memory type', false),
    num('boostClockMhz', 'Boost clock', 'MHz', false),
    num('lengthMm', 'Length', 'mm', false),
    num('recommendedPsuW', 'Recommended PSU', 'W', false),
  ],
  psu: [num('wattage', 'Wattage', 'W'), text('efficiency', 'Efficiency'), text('modular', 'Modular')],
  case: [text('formFactor', 'Form factor'), text('color', 'Color'), text('sidePanel', 'Side panel', false)],
  monitor: [
    num('sizeInch', 'Size', 'in'),
    text('resolution', 'Resolution'),
    num('refreshHz', 'Refresh rate', 'Hz'),
    text('panel', 'Panel'),
    num('responseMs', 'Response time', 'ms', false),
  ],
  laptop: [
    text('cpu', 'Processor'),
    num('ramGb', 'Memory', 'GB'),
    num('storageGb', 'Storage', 'GB'),
    num('screenInch', 'Screen', 'in'),
    text('gpu', 'Graphics'),
    num('weightKg', 'Weight', 'kg', false),
    text('os', 'Operating system'),
  ],
  peripheral: [
    text('type', 'Type'),
    text('connection', 'Connection'),
    text('layout', 'Layout', false),
    text('switches', 'Switches', false),
    num('dpi', 'DPI', '', false),
  ],
  networking: [
    text('type', 'Type'),
    text('wifiStandard', 'Wi-Fi standard'),
    num('ports', 'Ports', '', false),
    text('speed', 'Speed'),
  ],
  accessory: [text('type', 'Type'), text('compatibility', 'Compatibility', false)],
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
