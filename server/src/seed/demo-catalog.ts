import type { DemoBrand, DemoCategory, DemoProduct } from './catalog-types';

/**
 * Demo catalog of a computer shop in Phnom Penh: categories (with Khmer names), brands and ~280 products with
 * realistic specs and USD prices in cents. Plain data plus small pure helpers, so every run produces the same output.
 */

type Specs = DemoProduct['specs'];

// ---------------------------------------------------------------------------------------------------------------
// Categories
// ---------------------------------------------------------------------------------------------------------------

export const demoCategories: DemoCategory[] = [
  { slug: 'cpus', name: 'CPUs', nameKm: 'ស៊ីភីយូ', specKind: 'cpu' },
  { slug: 'motherboards', name: 'Motherboards', nameKm: 'បន្ទះមេ', specKind: 'motherboard' },
  { slug: 'memory', name: 'Memory', nameKm: 'អង្គចងចាំ RAM', specKind: 'ram' },
  { slug: 'ssds', name: 'SSDs', nameKm: 'ថាស SSD', specKind: 'ssd' },
  { slug: 'hard-drives', name: 'Hard drives', nameKm: 'ថាសរឹង', specKind: 'hdd' },
  { slug: 'graphics-cards', name: 'Graphics cards', nameKm: 'កាតក្រាហ្វិក', specKind: 'gpu' },
  { slug: 'power-supplies', name: 'Power supplies', nameKm: 'ប្រភពថាមពល', specKind: 'psu' },
  { slug: 'cases', name: 'Cases', nameKm: 'ប្រអប់កុំព្យូទ័រ', specKind: 'case' },
  { slug: 'monitors', name: 'Monitors', nameKm: 'ម៉ូនីទ័រ', specKind: 'monitor' },
  { slug: 'laptops', name: 'Laptops', nameKm: 'កុំព្យូទ័រយួរដៃ', specKind: 'laptop' },
  {
    slug: 'gaming-laptops',
    name: 'Gaming laptops',
    nameKm: 'កុំព្យូទ័រយួរដៃហ្គេម',
    specKind: 'laptop',
    parent: 'laptops',
  },
  {
    slug: 'business-laptops',
    name: 'Business laptops',
    nameKm: 'កុំព្យូទ័រយួរដៃសម្រាប់ការងារ',
    specKind: 'laptop',
    parent: 'laptops',
  },
  { slug: 'keyboards-mice', name: 'Keyboards & mice', nameKm: 'ក្ដារចុច និងកណ្ដុរ', specKind: 'peripheral' },
  { slug: 'networking', name: 'Networking', nameKm: 'បណ្ដាញ', specKind: 'networking' },
  { slug: 'accessories', name: 'Accessories', nameKm: 'គ្រឿងបន្ថែម', specKind: 'accessory' },
];

// ---------------------------------------------------------------------------------------------------------------
// Brands
// ---------------------------------------------------------------------------------------------------------------

/** "Western Digital" → "western-digital", "G.Skill" → "g-skill". */
export function brandSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const brandNames = [
  'Intel',
  'AMD',
  'ASUS',
  'MSI',
  'Gigabyte',
  'ASRock',
  'Zotac',
  'Sapphire',
  'PowerColor',
  'Kingston',
  'Corsair',
  'G.Skill',
  'Crucial',
  'TeamGroup',
  'Lexar',
  'Samsung',
  'Western Digital',
  'Seagate',
  'Toshiba',
  'Cooler Master',
  'NZXT',
  'Lian Li',
  'Fractal Design',
  'Montech',
  'Deepcool',
  'Seasonic',
  'Dell',
  'LG',
  'AOC',
  'Acer',
  'Lenovo',
  'HP',
  'Apple',
  'Logitech',
  'Razer',
  'HyperX',
  'Keychron',
  'TP-Link',
  'Ubiquiti',
  'Ugreen',
  'Arctic',
  'APC',
];

export const demoBrands: DemoBrand[] = brandNames.map((name) => ({ slug: brandSlug(name), name }));

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/** EAN-13 check digit for a 12-digit base. */
export function ean13CheckDigit(base12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(base12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

function barcodeFor(index: number): string {
  const base = '885' + String(index + 1).padStart(9, '0');
  return base + String(ean13CheckDigit(base));
}

/** Deterministic stock: every 10th product sold out, every 10th low (1–3), the rest 4–40. */
function stockFor(index: number): number {
  const r = index % 10;
  if (r === 3) return 0;
  if (r === 7) return 1 + (index % 3);
  return 4 + ((index * 17 + 5) % 37);
}

/** Drops undefined attributes. */
function specs(values: Record<string, string | number | boolean | undefined>): Specs {
  const out: Specs = {};
  for (const [key, value] of Object.entries(values)) if (value !== undefined) out[key] = value;
  return out;
}

/** "a" or "an" for the word or number that follows: an 850 W, an acrylic, a 650 W. */
function an(next: unknown): string {
  return /^(?:[aeiou]|8|1[18](?!\d{2}))/i.test(String(next)) ? 'an' : 'a';
}

/** 1000 → "1TB", 512 → "512GB". */
function gb(value: unknown): string {
  const n = Number(value);
  return n >= 1000 && n % 1000 === 0 ? `${n / 1000}TB` : `${n}GB`;
}

interface RowOptions {
  compareAt?: number;
  warranty?: number;
  serialized?: boolean;
  /** Replaces the category's templated description. */
  description?: string;
  /** Appended to the templated description. */
  note?: string;
}

type Row = [sku: string, brand: string, name: string, priceCents: number, specs: Specs, options?: RowOptions];

interface GroupDefaults {
  warrantyMonths: number;
  serialized: boolean;
  describe: (s: Specs, name: string) => string;
}

type Draft = Omit<DemoProduct, 'barcode' | 'stock'>;

function group(category: string, defaults: GroupDefaults, rows: Row[]): Draft[] {
  return rows.map(([sku, brand, name, priceCents, s, o = {}]) => {
    const base = o.description ?? defaults.describe(s, name);
    const draft: Draft = {
      sku,
      name,
      category,
      brand,
      priceCents,
      warrantyMonths: o.warranty ?? defaults.warrantyMonths,
      serialized: o.serialized ?? defaults.serialized,
      description: o.note ? `${base} ${o.note}` : base,
      specs: s,
    };
    if (o.compareAt !== undefined) draft.compareAtCents = o.compareAt;
    return draft;
  });
}

// Spec builders, one per spec kind, in the attribute order of shared/src/specs.ts.
const cpu = (
  socket: string,
  cores: number,
  threads: number,
  baseClockGhz: number,
  boostClockGhz: number,
  tdpW: number,
  integratedGraphics: boolean,
) => specs({ socket, cores, threads, baseClockGhz, boostClockGhz, tdpW, integratedGraphics });
const board = (
  socket: string,
  chipset: string,
  formFactor: string,
  memoryType: string,
  memorySlots: number,
  wifi: boolean,
) => specs({ socket, chipset, formFactor, memoryType, memorySlots, wifi });
const ram = (capacityGb: number, type: string, speedMts: number, modules: number, casLatency: number) =>
  specs({ capacityGb, type, speedMts, modules, casLatency });
const ssd = (capacityGb: number, iface: string, formFactor: string, readMbps: number, writeMbps: number) =>
  specs({ capacityGb, interface: iface, formFactor, readMbps, writeMbps });
const hdd = (capacityGb: number, rpm: number, iface: string, cacheMb?: number) =>
  specs({ capacityGb, rpm, interface: iface, cacheMb });
const gpu = (
  chipset: string,
  memoryGb: number,
  memoryType: string,
  boostClockMhz: number,
  lengthMm: number,
  recommendedPsuW: number,
) => specs({ chipset, memoryGb, memoryType, boostClockMhz, lengthMm, recommendedPsuW });
const psu = (wattage: number, efficiency: string, modular: string) => specs({ wattage, efficiency, modular });
const pcCase = (formFactor: string, color: string, sidePanel: string) =>
  specs({ formFactor, color, sidePanel });
const monitor = (
  sizeInch: number,
  resolution: string,
  refreshHz: number,
  panel: string,
  responseMs: number,
) => specs({ sizeInch, resolution, refreshHz, panel, responseMs });
const laptop = (
  cpuName: string,
  ramGb: number,
  storageGb: number,
  screenInch: number,
  gpuName: string,
  weightKg: number,
  os: string,
) => specs({ cpu: cpuName, ramGb, storageGb, screenInch, gpu: gpuName, weightKg, os });
const periph = (type: string, connection: string, layout?: string, switches?: string, dpi?: number) =>
  specs({ type, connection, layout, switches, dpi });
const net = (type: string, wifiStandard: string | undefined, ports: number | undefined, speed: string) =>
  specs({ type, wifiStandard, ports, speed });
const acc = (type: string, compatibility: string) => specs({ type, compatibility });

const FHD = '1920x1080 (Full HD)';
const QHD = '2560x1440 (QHD)';
const UHD = '3840x2160 (4K)';
const UWQHD = '3440x1440 (UWQHD)';

const PCIE3 = 'PCIe 3.0 x4 NVMe';
const PCIE4 = 'PCIe 4.0 x4 NVMe';
const PCIE5 = 'PCIe 5.0 x4 NVMe';
const SATA = 'SATA III 6Gb/s';
const M2 = 'M.2 2280';
const SATA25 = '2.5-inch';

const W11H = 'Windows 11 Home';
const W11P = 'Windows 11 Pro';

// ---------------------------------------------------------------------------------------------------------------
// Products per category
// ---------------------------------------------------------------------------------------------------------------

const cpus = group(
  'cpus',
  {
    warrantyMonths: 36,
    serialized: true,
    describe: (s) =>
      `${s.cores} cores and ${s.threads} threads with boost clocks up to ${s.boostClockGhz} GHz on the ${s.socket} socket (${s.tdpW} W TDP). ` +
      (s.integratedGraphics
        ? 'Integrated graphics let you run a display without a graphics card.'
        : 'No integrated graphics: pair it with a dedicated graphics card.'),
  },
  [
    [
      'CPU-INT-12100F',
      'intel',
      'Intel Core i3-12100F Processor',
      7900,
      cpu('LGA1700', 4, 8, 3.3, 4.3, 58, false),
    ],
    [
      'CPU-INT-14100',
      'intel',
      'Intel Core i3-14100 Processor',
      12900,
      cpu('LGA1700', 4, 8, 3.5, 4.7, 60, true),
    ],
    [
      'CPU-INT-12400F',
      'intel',
      'Intel Core i5-12400F Processor',
      10900,
      cpu('LGA1700', 6, 12, 2.5, 4.4, 65, false),
    ],
    [
      'CPU-INT-13400F',
      'intel',
      'Intel Core i5-13400F Processor',
      17900,
      cpu('LGA1700', 10, 16, 2.5, 4.6, 65, false),
    ],
    [
      'CPU-INT-14400F',
      'intel',
      'Intel Core i5-14400F Processor',
      18900,
      cpu('LGA1700', 10, 16, 2.5, 4.7, 65, false),
      { compareAt: 20900 },
    ],
    [
      'CPU-INT-14600K',
      'intel',
      'Intel Core i5-14600K Processor',
      26900,
      cpu('LGA1700', 14, 20, 3.5, 5.3, 125, true),
    ],
    [
      'CPU-INT-14700F',
      'intel',
      'Intel Core i7-14700F Processor',
      33900,
      cpu('LGA1700', 20, 28, 2.1, 5.4, 65, false),
    ],
    [
      'CPU-INT-14700K',
      'intel',
      'Intel Core i7-14700K Processor',
      38900,
      cpu('LGA1700', 20, 28, 3.4, 5.6, 125, true),
      { compareAt: 41900 },
    ],
    [
      'CPU-INT-14900K',
      'intel',
      'Intel Core i9-14900K Processor',
      52900,
      cpu('LGA1700', 24, 32, 3.2, 6.0, 125, true),
    ],
    [
      'CPU-INT-U5-245K',
      'intel',
      'Intel Core Ultra 5 245K Processor',
      27900,
      cpu('LGA1851', 14, 14, 4.2, 5.2, 125, true),
    ],
    [
      'CPU-INT-U7-265K',
      'intel',
      'Intel Core Ultra 7 265K Processor',
      35900,
      cpu('LGA1851', 20, 20, 3.9, 5.5, 125, true),
    ],
    [
      'CPU-INT-U9-285K',
      'intel',
      'Intel Core Ultra 9 285K Processor',
      58900,
      cpu('LGA1851', 24, 24, 3.7, 5.7, 125, true),
    ],
    ['CPU-AMD-5600', 'amd', 'AMD Ryzen 5 5600 Processor', 10900, cpu('AM4', 6, 12, 3.5, 4.4, 65, false)],
    ['CPU-AMD-5600G', 'amd', 'AMD Ryzen 5 5600G Processor', 11900, cpu('AM4', 6, 12, 3.9, 4.4, 65, true)],
    ['CPU-AMD-5700X', 'amd', 'AMD Ryzen 7 5700X Processor', 14900, cpu('AM4', 8, 16, 3.4, 4.6, 65, false)],
    ['CPU-AMD-7500F', 'amd', 'AMD Ryzen 5 7500F Processor', 14900, cpu('AM5', 6, 12, 3.7, 5.0, 65, false)],
    ['CPU-AMD-7600X', 'amd', 'AMD Ryzen 5 7600X Processor', 19900, cpu('AM5', 6, 12, 4.7, 5.3, 105, true)],
    ['CPU-AMD-9600X', 'amd', 'AMD Ryzen 5 9600X Processor', 24900, cpu('AM5', 6, 12, 3.9, 5.4, 65, true)],
    ['CPU-AMD-7700', 'amd', 'AMD Ryzen 7 7700 Processor', 27900, cpu('AM5', 8, 16, 3.8, 5.3, 65, true)],
    [
      'CPU-AMD-7800X3D',
      'amd',
      'AMD Ryzen 7 7800X3D Processor',
      39900,
      cpu('AM5', 8, 16, 4.2, 5.0, 120, true),
      { note: 'Its 3D V-Cache makes it one of the fastest gaming CPUs.' },
    ],
    ['CPU-AMD-9700X', 'amd', 'AMD Ryzen 7 9700X Processor', 33900, cpu('AM5', 8, 16, 3.8, 5.5, 65, true)],
    [
      'CPU-AMD-9800X3D',
      'amd',
      'AMD Ryzen 7 9800X3D Processor',
      52900,
      cpu('AM5', 8, 16, 4.7, 5.2, 120, true),
      { note: 'Second-generation 3D V-Cache for top gaming performance.' },
    ],
    [
      'CPU-AMD-7900X',
      'amd',
      'AMD Ryzen 9 7900X Processor',
      39900,
      cpu('AM5', 12, 24, 4.7, 5.6, 170, true),
      { compareAt: 44900 },
    ],
    ['CPU-AMD-9950X', 'amd', 'AMD Ryzen 9 9950X Processor', 62900, cpu('AM5', 16, 32, 4.3, 5.7, 170, true)],
  ],
);

const motherboards = group(
  'motherboards',
  {
    warrantyMonths: 36,
    serialized: true,
    describe: (s) =>
      `${s.formFactor} board with the ${s.chipset} chipset for ${s.socket} processors and ${s.memorySlots} ${s.memoryType} slots. ` +
      (s.wifi ? 'Built-in Wi-Fi and Bluetooth.' : 'Wired Ethernet only (no Wi-Fi).'),
  },
  [
    [
      'MB-ASU-B760MA-D4',
      'asus',
      'ASUS PRIME B760M-A WIFI D4',
      14900,
      board('LGA1700', 'Intel B760', 'Micro-ATX', 'DDR4', 4, true),
    ],
    [
      'MB-ASU-B760M-TUF',
      'asus',
      'ASUS TUF GAMING B760M-PLUS WIFI DDR5',
      18900,
      board('LGA1700', 'Intel B760', 'Micro-ATX', 'DDR5', 4, true),
    ],
    [
      'MB-ASU-Z790E-II',
      'asus',
      'ASUS ROG STRIX Z790-E GAMING WIFI II',
      49900,
      board('LGA1700', 'Intel Z790', 'ATX', 'DDR5', 4, true),
      { note: 'Wi-Fi 7, PCIe 5.0 and five M.2 slots for high-end builds.' },
    ],
    [
      'MB-MSI-B760ME-D4',
      'msi',
      'MSI PRO B760M-E DDR4',
      9900,
      board('LGA1700', 'Intel B760', 'Micro-ATX', 'DDR4', 2, false),
    ],
    [
      'MB-MSI-B760-TOMA',
      'msi',
      'MSI MAG B760 TOMAHAWK WIFI',
      20900,
      board('LGA1700', 'Intel B760', 'ATX', 'DDR5', 4, true),
    ],
    [
      'MB-MSI-Z790-TOMA',
      'msi',
      'MSI MAG Z790 TOMAHAWK WIFI',
      28900,
      board('LGA1700', 'Intel Z790', 'ATX', 'DDR5', 4, true),
      { compareAt: 31900 },
    ],
    [
      'MB-GIG-B760M-DS3H',
      'gigabyte',
      'Gigabyte B760M DS3H DDR4',
      11900,
      board('LGA1700', 'Intel B760', 'Micro-ATX', 'DDR4', 4, false),
    ],
    [
      'MB-GIG-Z790-ELAX',
      'gigabyte',
      'Gigabyte Z790 AORUS ELITE AX',
      26900,
      board('LGA1700', 'Intel Z790', 'ATX', 'DDR5', 4, true),
    ],
    [
      'MB-MSI-Z890A-WIFI',
      'msi',
      'MSI PRO Z890-A WIFI',
      29900,
      board('LGA1851', 'Intel Z890', 'ATX', 'DDR5', 4, true),
    ],
    [
      'MB-ASU-B860I',
      'asus',
      'ASUS ROG STRIX B860-I GAMING WIFI',
      25900,
      board('LGA1851', 'Intel B860', 'Mini-ITX', 'DDR5', 2, true),
    ],
    [
      'MB-ASU-B650EF',
      'asus',
      'ASUS ROG STRIX B650E-F GAMING WIFI',
      26900,
      board('AM5', 'AMD B650E', 'ATX', 'DDR5', 4, true),
    ],
    [
      'MB-ASU-X670E-TUF',
      'asus',
      'ASUS TUF GAMING X670E-PLUS WIFI',
      29900,
      board('AM5', 'AMD X670E', 'ATX', 'DDR5', 4, true),
    ],
    [
      'MB-MSI-B650-GPW',
      'msi',
      'MSI B650 GAMING PLUS WIFI',
      18900,
      board('AM5', 'AMD B650', 'ATX', 'DDR5', 4, true),
    ],
    [
      'MB-MSI-X870-TOMA',
      'msi',
      'MSI MAG X870 TOMAHAWK WIFI',
      32900,
      board('AM5', 'AMD X870', 'ATX', 'DDR5', 4, true),
    ],
    [
      'MB-GIG-B650M-ELAX',
      'gigabyte',
      'Gigabyte B650M AORUS ELITE AX',
      19900,
      board('AM5', 'AMD B650', 'Micro-ATX', 'DDR5', 4, true),
    ],
    [
      'MB-ASR-B650M-PRS',
      'asrock',
      'ASRock B650M Pro RS WiFi',
      15900,
      board('AM5', 'AMD B650', 'Micro-ATX', 'DDR5', 4, true),
      { compareAt: 16900 },
    ],
    [
      'MB-GIG-B550M-EL',
      'gigabyte',
      'Gigabyte B550M AORUS ELITE',
      12900,
      board('AM4', 'AMD B550', 'Micro-ATX', 'DDR4', 4, false),
    ],
    [
      'MB-MSI-B550M-VDH',
      'msi',
      'MSI B550M PRO-VDH WIFI',
      11900,
      board('AM4', 'AMD B550', 'Micro-ATX', 'DDR4', 4, true),
    ],
    [
      'MB-ASU-A520M-K',
      'asus',
      'ASUS PRIME A520M-K',
      6900,
      board('AM4', 'AMD A520', 'Micro-ATX', 'DDR4', 2, false),
    ],
  ],
);

const memory = group(
  'memory',
  {
    warrantyMonths: 36,
    serialized: true,
    describe: (s) => {
      const modules = Number(s.modules);
      const kit =
        modules > 1
          ? `${s.capacityGb}GB kit (${modules}x${Number(s.capacityGb) / modules}GB)`
          : `${s.capacityGb}GB module`;
      return `${kit} of ${s.type} memory running at ${s.speedMts} MT/s with CL${s.casLatency} timings.`;
    },
  },
  [
    [
      'RAM-KIN-FB-8G-D4',
      'kingston',
      'Kingston FURY Beast 8GB DDR4 3200MT/s',
      2200,
      ram(8, 'DDR4', 3200, 1, 16),
    ],
    [
      'RAM-KIN-FB-16K-D4',
      'kingston',
      'Kingston FURY Beast 16GB (2x8GB) DDR4 3200MT/s',
      4200,
      ram(16, 'DDR4', 3200, 2, 16),
    ],
    [
      'RAM-KIN-FB-32K-D4',
      'kingston',
      'Kingston FURY Beast 32GB (2x16GB) DDR4 3600MT/s',
      7900,
      ram(32, 'DDR4', 3600, 2, 18),
    ],
    [
      'RAM-KIN-FB-16G-D5',
      'kingston',
      'Kingston FURY Beast 16GB DDR5 5600MT/s',
      5900,
      ram(16, 'DDR5', 5600, 1, 40),
    ],
    [
      'RAM-KIN-FB-32K-D5',
      'kingston',
      'Kingston FURY Beast 32GB (2x16GB) DDR5 6000MT/s',
      11900,
      ram(32, 'DDR5', 6000, 2, 36),
      { compareAt: 12900 },
    ],
    [
      'RAM-KIN-FR-32K-D5',
      'kingston',
      'Kingston FURY Renegade RGB 32GB (2x16GB) DDR5 6400MT/s',
      15900,
      ram(32, 'DDR5', 6400, 2, 32),
    ],
    [
      'RAM-KIN-SO-8G-D4',
      'kingston',
      'Kingston 8GB DDR4 3200MT/s SO-DIMM Laptop Memory',
      2100,
      ram(8, 'DDR4 SO-DIMM', 3200, 1, 22),
    ],
    [
      'RAM-COR-LPX-16K-D4',
      'corsair',
      'Corsair Vengeance LPX 16GB (2x8GB) DDR4 3200MT/s',
      4500,
      ram(16, 'DDR4', 3200, 2, 16),
    ],
    [
      'RAM-COR-RGB-32K-D5',
      'corsair',
      'Corsair Vengeance RGB 32GB (2x16GB) DDR5 6000MT/s',
      13500,
      ram(32, 'DDR5', 6000, 2, 36),
    ],
    [
      'RAM-COR-V-64K-D5',
      'corsair',
      'Corsair Vengeance 64GB (2x32GB) DDR5 5600MT/s',
      21900,
      ram(64, 'DDR5', 5600, 2, 40),
    ],
    [
      'RAM-GSK-RV-16K-D4',
      'g-skill',
      'G.Skill Ripjaws V 16GB (2x8GB) DDR4 3600MT/s',
      4600,
      ram(16, 'DDR4', 3600, 2, 18),
    ],
    [
      'RAM-GSK-TZ5-32K-D5',
      'g-skill',
      'G.Skill Trident Z5 RGB 32GB (2x16GB) DDR5 6000MT/s',
      14900,
      ram(32, 'DDR5', 6000, 2, 30),
    ],
    [
      'RAM-GSK-TZ5N-32K',
      'g-skill',
      'G.Skill Trident Z5 Neo RGB 32GB (2x16GB) DDR5 6000MT/s AMD EXPO',
      14500,
      ram(32, 'DDR5', 6000, 2, 30),
      { note: 'Tuned with AMD EXPO profiles for Ryzen 7000 and 9000 systems.' },
    ],
    [
      'RAM-GSK-FX5-32K-D5',
      'g-skill',
      'G.Skill Flare X5 32GB (2x16GB) DDR5 6000MT/s',
      11900,
      ram(32, 'DDR5', 6000, 2, 36),
    ],
    [
      'RAM-CRU-8G-D4',
      'crucial',
      'Crucial 8GB DDR4 3200MT/s Desktop Memory',
      1900,
      ram(8, 'DDR4', 3200, 1, 22),
    ],
    [
      'RAM-CRU-16G-D5',
      'crucial',
      'Crucial 16GB DDR5 5600MT/s Desktop Memory',
      5200,
      ram(16, 'DDR5', 5600, 1, 46),
    ],
    [
      'RAM-CRU-PRO-32K-D5',
      'crucial',
      'Crucial Pro 32GB (2x16GB) DDR5 5600MT/s',
      10900,
      ram(32, 'DDR5', 5600, 2, 46),
    ],
    [
      'RAM-CRU-SO-16G-D5',
      'crucial',
      'Crucial 16GB DDR5 5600MT/s SO-DIMM Laptop Memory',
      5500,
      ram(16, 'DDR5 SO-DIMM', 5600, 1, 46),
    ],
    [
      'RAM-LEX-THOR-32K',
      'lexar',
      'Lexar THOR 32GB (2x16GB) DDR5 6000MT/s',
      10900,
      ram(32, 'DDR5', 6000, 2, 38),
    ],
    [
      'RAM-TEA-DELTA-32K',
      'teamgroup',
      'TeamGroup T-Force Delta RGB 32GB (2x16GB) DDR5 6000MT/s',
      12500,
      ram(32, 'DDR5', 6000, 2, 38),
      { compareAt: 13900 },
    ],
  ],
);

const ssds = group(
  'ssds',
  {
    warrantyMonths: 60,
    serialized: true,
    describe: (s) =>
      `${gb(s.capacityGb)} ${s.formFactor} SSD on ${s.interface} with sequential reads up to ${s.readMbps} MB/s and writes up to ${s.writeMbps} MB/s.`,
  },
  [
    [
      'SSD-SAM-990P-1T',
      'samsung',
      'Samsung 990 PRO 1TB PCIe 4.0 NVMe M.2 SSD',
      11900,
      ssd(1000, PCIE4, M2, 7450, 6900),
      { compareAt: 13900 },
    ],
    [
      'SSD-SAM-990P-2T',
      'samsung',
      'Samsung 990 PRO 2TB PCIe 4.0 NVMe M.2 SSD',
      19900,
      ssd(2000, PCIE4, M2, 7450, 6900),
    ],
    [
      'SSD-SAM-990EP-1T',
      'samsung',
      'Samsung 990 EVO Plus 1TB NVMe M.2 SSD',
      9900,
      ssd(1000, PCIE4, M2, 7150, 6300),
    ],
    [
      'SSD-SAM-9100P-1T',
      'samsung',
      'Samsung 9100 PRO 1TB PCIe 5.0 NVMe M.2 SSD',
      19900,
      ssd(1000, PCIE5, M2, 14700, 13300),
    ],
    [
      'SSD-SAM-870E-500',
      'samsung',
      'Samsung 870 EVO 500GB 2.5" SATA SSD',
      6500,
      ssd(500, SATA, SATA25, 560, 530),
    ],
    [
      'SSD-SAM-870E-1T',
      'samsung',
      'Samsung 870 EVO 1TB 2.5" SATA SSD',
      9900,
      ssd(1000, SATA, SATA25, 560, 530),
    ],
    [
      'SSD-SAM-T7S-1T',
      'samsung',
      'Samsung T7 Shield 1TB Portable SSD USB-C',
      10900,
      ssd(1000, 'USB 3.2 Gen 2', 'Portable', 1050, 1000),
      { note: 'Rugged, IP65 dust and water resistant.', warranty: 36 },
    ],
    [
      'SSD-WD-SN850X-1T',
      'western-digital',
      'WD_BLACK SN850X 1TB PCIe 4.0 NVMe M.2 SSD',
      10900,
      ssd(1000, PCIE4, M2, 7300, 6300),
    ],
    [
      'SSD-WD-SN850X-2T',
      'western-digital',
      'WD_BLACK SN850X 2TB PCIe 4.0 NVMe M.2 SSD',
      17900,
      ssd(2000, PCIE4, M2, 7300, 6600),
      { compareAt: 19900 },
    ],
    [
      'SSD-WD-SN580-500',
      'western-digital',
      'WD Blue SN580 500GB NVMe M.2 SSD',
      4900,
      ssd(500, PCIE4, M2, 4000, 3600),
    ],
    [
      'SSD-WD-SN580-1T',
      'western-digital',
      'WD Blue SN580 1TB NVMe M.2 SSD',
      6900,
      ssd(1000, PCIE4, M2, 4150, 4150),
    ],
    [
      'SSD-WD-SA510-1T',
      'western-digital',
      'WD Blue SA510 1TB 2.5" SATA SSD',
      6900,
      ssd(1000, SATA, SATA25, 560, 520),
    ],
    [
      'SSD-KIN-NV3-500',
      'kingston',
      'Kingston NV3 500GB PCIe 4.0 NVMe M.2 SSD',
      3900,
      ssd(500, PCIE4, M2, 5000, 3000),
      { warranty: 36 },
    ],
    [
      'SSD-KIN-NV3-1T',
      'kingston',
      'Kingston NV3 1TB PCIe 4.0 NVMe M.2 SSD',
      6200,
      ssd(1000, PCIE4, M2, 6000, 4000),
      { warranty: 36 },
    ],
    [
      'SSD-KIN-NV3-2T',
      'kingston',
      'Kingston NV3 2TB PCIe 4.0 NVMe M.2 SSD',
      11500,
      ssd(2000, PCIE4, M2, 6000, 5000),
      { warranty: 36 },
    ],
    [
      'SSD-KIN-KC3000-1T',
      'kingston',
      'Kingston KC3000 1TB PCIe 4.0 NVMe M.2 SSD',
      9900,
      ssd(1000, PCIE4, M2, 7000, 6000),
    ],
    [
      'SSD-KIN-A400-240',
      'kingston',
      'Kingston A400 240GB 2.5" SATA SSD',
      2200,
      ssd(240, SATA, SATA25, 500, 350),
      { warranty: 36 },
    ],
    [
      'SSD-KIN-A400-480',
      'kingston',
      'Kingston A400 480GB 2.5" SATA SSD',
      3200,
      ssd(480, SATA, SATA25, 500, 450),
      { warranty: 36 },
    ],
    [
      'SSD-CRU-P3P-1T',
      'crucial',
      'Crucial P3 Plus 1TB PCIe 4.0 NVMe M.2 SSD',
      6900,
      ssd(1000, PCIE4, M2, 5000, 3600),
    ],
    [
      'SSD-CRU-T500-1T',
      'crucial',
      'Crucial T500 1TB PCIe 4.0 NVMe M.2 SSD',
      8900,
      ssd(1000, PCIE4, M2, 7300, 6800),
    ],
    [
      'SSD-CRU-T705-2T',
      'crucial',
      'Crucial T705 2TB PCIe 5.0 NVMe M.2 SSD',
      29900,
      ssd(2000, PCIE5, M2, 14500, 12700),
      { note: 'Needs a PCIe 5.0 M.2 slot and good cooling for full speed.' },
    ],
    [
      'SSD-LEX-NM790-1T',
      'lexar',
      'Lexar NM790 1TB PCIe 4.0 NVMe M.2 SSD',
      7900,
      ssd(1000, PCIE4, M2, 7400, 6500),
    ],
    [
      'SSD-LEX-NM790-2T',
      'lexar',
      'Lexar NM790 2TB PCIe 4.0 NVMe M.2 SSD',
      13900,
      ssd(2000, PCIE4, M2, 7400, 6500),
    ],
    [
      'SSD-LEX-NM620-512',
      'lexar',
      'Lexar NM620 512GB PCIe 3.0 NVMe M.2 SSD',
      3900,
      ssd(512, PCIE3, M2, 3300, 2400),
    ],
  ],
);

const hardDrives = group(
  'hard-drives',
  {
    warrantyMonths: 24,
    serialized: true,
    describe: (s, name) =>
      `${gb(s.capacityGb)} hard drive spinning at ${s.rpm} rpm on ${s.interface}` +
      (s.cacheMb ? ` with ${s.cacheMb} MB cache. ` : '. ') +
      (name.includes('NAS')
        ? 'Built for 24/7 use in NAS units.'
        : name.includes('Surveillance')
          ? 'Built for always-on CCTV and NVR recording.'
          : name.includes('Enterprise')
            ? 'Enterprise-class drive rated for 24/7 server workloads.'
            : name.includes('Portable')
              ? 'Plug-and-play portable drive for backups and moving files.'
              : 'Good value for bulk storage, backups and media.'),
  },
  [
    [
      'HDD-SEA-BC-1T',
      'seagate',
      'Seagate BarraCuda 1TB 3.5" SATA Hard Drive',
      4500,
      hdd(1000, 7200, SATA, 64),
    ],
    [
      'HDD-SEA-BC-2T',
      'seagate',
      'Seagate BarraCuda 2TB 3.5" SATA Hard Drive',
      5900,
      hdd(2000, 7200, SATA, 256),
    ],
    [
      'HDD-SEA-BC-4T',
      'seagate',
      'Seagate BarraCuda 4TB 3.5" SATA Hard Drive',
      8900,
      hdd(4000, 5400, SATA, 256),
    ],
    [
      'HDD-SEA-IW-4T',
      'seagate',
      'Seagate IronWolf 4TB NAS Hard Drive',
      10900,
      hdd(4000, 5400, SATA, 256),
      {
        warranty: 36,
        description:
          '4TB NAS hard drive at 5400 rpm with 256 MB cache, built for 24/7 use in 1–8 bay NAS units.',
      },
    ],
    [
      'HDD-SEA-IWP-8T',
      'seagate',
      'Seagate IronWolf Pro 8TB NAS Hard Drive',
      24900,
      hdd(8000, 7200, SATA, 256),
      { warranty: 60, note: 'Rated for NAS units of up to 24 bays.' },
    ],
    [
      'HDD-SEA-SH-4T',
      'seagate',
      'Seagate SkyHawk 4TB Surveillance Hard Drive',
      9900,
      hdd(4000, 5400, SATA, 256),
      { warranty: 36, note: 'Supports recorders with up to 64 cameras.' },
    ],
    [
      'HDD-SEA-EXP-2T',
      'seagate',
      'Seagate Expansion 2TB Portable Hard Drive USB 3.0',
      7500,
      hdd(2000, 5400, 'USB 3.0'),
      { compareAt: 7900 },
    ],
    [
      'HDD-SEA-EXOS-16T',
      'seagate',
      'Seagate Exos X18 16TB Enterprise Hard Drive',
      36900,
      hdd(16000, 7200, SATA, 256),
      { warranty: 60 },
    ],
    [
      'HDD-WD-BLUE-1T',
      'western-digital',
      'WD Blue 1TB 3.5" SATA Hard Drive',
      4500,
      hdd(1000, 7200, SATA, 64),
    ],
    [
      'HDD-WD-BLUE-2T',
      'western-digital',
      'WD Blue 2TB 3.5" SATA Hard Drive',
      6200,
      hdd(2000, 7200, SATA, 256),
    ],
    [
      'HDD-WD-PURP-4T',
      'western-digital',
      'WD Purple 4TB Surveillance Hard Drive',
      10500,
      hdd(4000, 5400, SATA, 256),
      { warranty: 36 },
    ],
    [
      'HDD-WD-REDP-4T',
      'western-digital',
      'WD Red Plus 4TB NAS Hard Drive',
      11500,
      hdd(4000, 5400, SATA, 256),
      { warranty: 36 },
    ],
    [
      'HDD-WD-REDP-8T',
      'western-digital',
      'WD Red Plus 8TB NAS Hard Drive',
      21900,
      hdd(8000, 5640, SATA, 256),
      { warranty: 36 },
    ],
    [
      'HDD-WD-GOLD-8T',
      'western-digital',
      'WD Gold 8TB Enterprise Hard Drive',
      27900,
      hdd(8000, 7200, SATA, 256),
      { warranty: 60 },
    ],
    [
      'HDD-WD-ELEM-2T',
      'western-digital',
      'WD Elements 2TB Portable Hard Drive USB 3.0',
      7200,
      hdd(2000, 5400, 'USB 3.0'),
    ],
    ['HDD-TOS-P300-2T', 'toshiba', 'Toshiba P300 2TB 3.5" SATA Hard Drive', 5900, hdd(2000, 7200, SATA, 256)],
  ],
);

const graphicsCards = group(
  'graphics-cards',
  {
    warrantyMonths: 36,
    serialized: true,
    describe: (s) =>
      `${s.chipset} with ${s.memoryGb}GB ${s.memoryType}, boost clock up to ${s.boostClockMhz} MHz. ` +
      `The card is ${s.lengthMm} mm long; use ${an(s.recommendedPsuW)} ${s.recommendedPsuW} W or larger power supply.`,
  },
  [
    [
      'GPU-GIG-3050-6G',
      'gigabyte',
      'Gigabyte GeForce RTX 3050 WINDFORCE OC 6G',
      19900,
      gpu('GeForce RTX 3050', 6, 'GDDR6', 1477, 191, 300),
    ],
    [
      'GPU-ASU-4060-DUAL',
      'asus',
      'ASUS Dual GeForce RTX 4060 OC 8GB',
      32900,
      gpu('GeForce RTX 4060', 8, 'GDDR6', 2535, 227, 550),
    ],
    [
      'GPU-MSI-4060-V2X',
      'msi',
      'MSI GeForce RTX 4060 VENTUS 2X BLACK 8G OC',
      31500,
      gpu('GeForce RTX 4060', 8, 'GDDR6', 2505, 199, 550),
      { compareAt: 33900 },
    ],
    [
      'GPU-GIG-4060-WF',
      'gigabyte',
      'Gigabyte GeForce RTX 4060 WINDFORCE OC 8G',
      31900,
      gpu('GeForce RTX 4060', 8, 'GDDR6', 2475, 192, 450),
    ],
    [
      'GPU-ZOT-4060-TE',
      'zotac',
      'Zotac Gaming GeForce RTX 4060 Twin Edge OC 8GB',
      30900,
      gpu('GeForce RTX 4060', 8, 'GDDR6', 2490, 225, 500),
    ],
    [
      'GPU-ASU-4060TI-TUF',
      'asus',
      'ASUS TUF Gaming GeForce RTX 4060 Ti OC 8GB',
      45900,
      gpu('GeForce RTX 4060 Ti', 8, 'GDDR6', 2685, 301, 650),
    ],
    [
      'GPU-MSI-4060TI-GX16',
      'msi',
      'MSI GeForce RTX 4060 Ti GAMING X 16G',
      52900,
      gpu('GeForce RTX 4060 Ti', 16, 'GDDR6', 2670, 247, 550),
    ],
    [
      'GPU-ASU-4070S-DUAL',
      'asus',
      'ASUS Dual GeForce RTX 4070 SUPER EVO OC 12GB',
      62900,
      gpu('GeForce RTX 4070 SUPER', 12, 'GDDR6X', 2550, 267, 750),
      { compareAt: 66900 },
    ],
    [
      'GPU-MSI-4070S-V2X',
      'msi',
      'MSI GeForce RTX 4070 SUPER 12G VENTUS 2X OC',
      61900,
      gpu('GeForce RTX 4070 SUPER', 12, 'GDDR6X', 2505, 242, 650),
    ],
    [
      'GPU-GIG-4070S-WF',
      'gigabyte',
      'Gigabyte GeForce RTX 4070 SUPER WINDFORCE OC 12G',
      62900,
      gpu('GeForce RTX 4070 SUPER', 12, 'GDDR6X', 2505, 261, 750),
    ],
    [
      'GPU-GIG-4070TIS-GOC',
      'gigabyte',
      'Gigabyte GeForce RTX 4070 Ti SUPER GAMING OC 16G',
      89900,
      gpu('GeForce RTX 4070 Ti SUPER', 16, 'GDDR6X', 2655, 336, 750),
    ],
    [
      'GPU-MSI-4080S-GXS',
      'msi',
      'MSI GeForce RTX 4080 SUPER 16G GAMING X SLIM',
      119900,
      gpu('GeForce RTX 4080 SUPER', 16, 'GDDR6X', 2595, 322, 850),
    ],
    [
      'GPU-ASU-4090-STRIX',
      'asus',
      'ASUS ROG Strix GeForce RTX 4090 OC 24GB',
      229900,
      gpu('GeForce RTX 4090', 24, 'GDDR6X', 2640, 358, 1000),
    ],
    [
      'GPU-MSI-5060TI-V2X',
      'msi',
      'MSI GeForce RTX 5060 Ti 16G VENTUS 2X OC',
      49900,
      gpu('GeForce RTX 5060 Ti', 16, 'GDDR7', 2587, 197, 600),
    ],
    [
      'GPU-ZOT-5070-TE',
      'zotac',
      'Zotac Gaming GeForce RTX 5070 Twin Edge OC 12GB',
      64900,
      gpu('GeForce RTX 5070', 12, 'GDDR7', 2557, 233, 650),
    ],
    [
      'GPU-ASU-5070TI-TUF',
      'asus',
      'ASUS TUF Gaming GeForce RTX 5070 Ti OC 16GB',
      99900,
      gpu('GeForce RTX 5070 Ti', 16, 'GDDR7', 2610, 329, 850),
    ],
    [
      'GPU-GIG-7600-GOC',
      'gigabyte',
      'Gigabyte Radeon RX 7600 GAMING OC 8G',
      28900,
      gpu('Radeon RX 7600', 8, 'GDDR6', 2755, 282, 550),
    ],
    [
      'GPU-ASU-7700XT-DUAL',
      'asus',
      'ASUS Dual Radeon RX 7700 XT OC 12GB',
      45900,
      gpu('Radeon RX 7700 XT', 12, 'GDDR6', 2584, 280, 700),
    ],
    [
      'GPU-SAP-7800XT-PUL',
      'sapphire',
      'Sapphire PULSE Radeon RX 7800 XT 16GB',
      55900,
      gpu('Radeon RX 7800 XT', 16, 'GDDR6', 2430, 280, 700),
      { compareAt: 59900 },
    ],
    [
      'GPU-PWC-9070XT-HH',
      'powercolor',
      'PowerColor Hellhound Radeon RX 9070 XT 16GB',
      74900,
      gpu('Radeon RX 9070 XT', 16, 'GDDR6', 2970, 330, 850),
    ],
    [
      'GPU-INT-ARC-B580',
      'intel',
      'Intel Arc B580 Limited Edition 12GB',
      28900,
      gpu('Intel Arc B580', 12, 'GDDR6', 2670, 272, 600),
    ],
  ],
);

const powerSupplies = group(
  'power-supplies',
  {
    warrantyMonths: 60,
    serialized: true,
    describe: (s) =>
      `${s.wattage} W power supply with ${s.efficiency} efficiency and ${String(s.modular).toLowerCase()} cabling.`,
  },
  [
    [
      'PSU-DEE-PK550D',
      'deepcool',
      'Deepcool PK550D 550W 80+ Bronze',
      4500,
      psu(550, '80 PLUS Bronze', 'Non-modular'),
      { warranty: 36 },
    ],
    [
      'PSU-CM-MWE650-V3',
      'cooler-master',
      'Cooler Master MWE Bronze 650 V3',
      5500,
      psu(650, '80 PLUS Bronze', 'Non-modular'),
      { warranty: 36 },
    ],
    [
      'PSU-MSI-A650BN',
      'msi',
      'MSI MAG A650BN 650W 80+ Bronze',
      5200,
      psu(650, '80 PLUS Bronze', 'Non-modular'),
      { warranty: 36 },
    ],
    [
      'PSU-COR-CX650',
      'corsair',
      'Corsair CX650 650W 80+ Bronze',
      6900,
      psu(650, '80 PLUS Bronze', 'Non-modular'),
    ],
    [
      'PSU-ASU-TUF-750B',
      'asus',
      'ASUS TUF Gaming 750W 80+ Bronze',
      8900,
      psu(750, '80 PLUS Bronze', 'Non-modular'),
      { warranty: 72 },
    ],
    [
      'PSU-COR-RM750E',
      'corsair',
      'Corsair RM750e 750W 80+ Gold ATX 3.1',
      10900,
      psu(750, '80 PLUS Gold', 'Fully modular'),
      { warranty: 84, compareAt: 11900 },
    ],
    [
      'PSU-GIG-UD750GM',
      'gigabyte',
      'Gigabyte UD750GM PG5 750W 80+ Gold',
      10500,
      psu(750, '80 PLUS Gold', 'Fully modular'),
    ],
    [
      'PSU-SEA-GX750',
      'seasonic',
      'Seasonic FOCUS GX-750 750W 80+ Gold',
      12900,
      psu(750, '80 PLUS Gold', 'Fully modular'),
      { warranty: 120 },
    ],
    [
      'PSU-CM-MWE850-G2',
      'cooler-master',
      'Cooler Master MWE Gold 850 V2 Full Modular',
      11500,
      psu(850, '80 PLUS Gold', 'Fully modular'),
    ],
    [
      'PSU-MSI-A850GL',
      'msi',
      'MSI MAG A850GL PCIE5 850W 80+ Gold',
      11900,
      psu(850, '80 PLUS Gold', 'Fully modular'),
      { note: 'Native 12V-2x6 cable for RTX 40 and 50 series cards.' },
    ],
    [
      'PSU-COR-RM850X',
      'corsair',
      'Corsair RM850x 850W 80+ Gold ATX 3.1',
      14900,
      psu(850, '80 PLUS Gold', 'Fully modular'),
      { warranty: 120 },
    ],
    [
      'PSU-SEA-GX850',
      'seasonic',
      'Seasonic FOCUS GX-850 850W 80+ Gold',
      14900,
      psu(850, '80 PLUS Gold', 'Fully modular'),
      { warranty: 120 },
    ],
    [
      'PSU-NZX-C850',
      'nzxt',
      'NZXT C850 850W 80+ Gold',
      13500,
      psu(850, '80 PLUS Gold', 'Fully modular'),
      { warranty: 120 },
    ],
    [
      'PSU-ASU-STRIX-850G',
      'asus',
      'ASUS ROG Strix 850W 80+ Gold Aura Edition',
      17900,
      psu(850, '80 PLUS Gold', 'Fully modular'),
      { warranty: 120 },
    ],
    [
      'PSU-COR-RM1000X',
      'corsair',
      'Corsair RM1000x 1000W 80+ Gold ATX 3.1',
      19900,
      psu(1000, '80 PLUS Gold', 'Fully modular'),
      { warranty: 120 },
    ],
    [
      'PSU-LIA-EDGE-1000G',
      'lian-li',
      'Lian Li EDGE 1000G 1000W 80+ Gold',
      19900,
      psu(1000, '80 PLUS Gold', 'Fully modular'),
      { warranty: 120 },
    ],
    [
      'PSU-SEA-TX1000',
      'seasonic',
      'Seasonic PRIME TX-1000 1000W 80+ Titanium',
      34900,
      psu(1000, '80 PLUS Titanium', 'Fully modular'),
      { warranty: 144 },
    ],
    [
      'PSU-COR-HX1500I',
      'corsair',
      'Corsair HX1500i 1500W 80+ Platinum',
      39900,
      psu(1500, '80 PLUS Platinum', 'Fully modular'),
      { warranty: 120 },
    ],
  ],
);

const cases = group(
  'cases',
  {
    warrantyMonths: 12,
    serialized: false,
    describe: (s) =>
      `${s.formFactor} case in ${String(s.color).toLowerCase()} with ${an(s.sidePanel)} ${String(s.sidePanel).toLowerCase()} side panel and room for modern graphics cards and radiators.`,
  },
  [
    [
      'CASE-CM-Q300L',
      'cooler-master',
      'Cooler Master MasterBox Q300L',
      4900,
      pcCase('Micro-ATX Mini Tower', 'Black', 'Acrylic'),
    ],
    [
      'CASE-MSI-FORGE120A',
      'msi',
      'MSI MAG FORGE 120A AIRFLOW',
      5900,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
      { note: 'Ships with six ARGB fans.' },
    ],
    [
      'CASE-GIG-C301G',
      'gigabyte',
      'Gigabyte C301 GLASS',
      7500,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-MON-XR-BK',
      'montech',
      'Montech XR Mid-Tower',
      8500,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-CM-TD500V2',
      'cooler-master',
      'Cooler Master MasterBox TD500 Mesh V2',
      9500,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-NZX-H5F-BK',
      'nzxt',
      'NZXT H5 Flow (2024) Black',
      9900,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-NZX-H5F-WH',
      'nzxt',
      'NZXT H5 Flow (2024) White',
      9900,
      pcCase('ATX Mid Tower', 'White', 'Tempered glass'),
      { compareAt: 10900 },
    ],
    [
      'CASE-NZX-H9F-BK',
      'nzxt',
      'NZXT H9 Flow Dual-Chamber Black',
      16900,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-COR-4000D-BK',
      'corsair',
      'Corsair 4000D AIRFLOW Black',
      10400,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-COR-3500X-WH',
      'corsair',
      'Corsair 3500X ARGB White',
      11900,
      pcCase('ATX Mid Tower', 'White', 'Tempered glass'),
    ],
    [
      'CASE-LIA-O11EVO-BK',
      'lian-li',
      'Lian Li O11 Dynamic EVO Black',
      16900,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-LIA-216-BK',
      'lian-li',
      'Lian Li LANCOOL 216 Black',
      10900,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-LIA-A4H2O',
      'lian-li',
      'Lian Li A4-H2O Mini-ITX',
      14900,
      pcCase('Mini-ITX Small Form Factor', 'Silver', 'Mesh'),
      { note: 'Fits a 240 mm radiator and a triple-slot graphics card in 11 litres.' },
    ],
    [
      'CASE-ASU-GT502-BK',
      'asus',
      'ASUS TUF Gaming GT502 Black',
      15900,
      pcCase('ATX Mid Tower', 'Black', 'Tempered glass'),
    ],
    [
      'CASE-DEE-CH560D-WH',
      'deepcool',
      'Deepcool CH560 Digital White',
      10900,
      pcCase('ATX Mid Tower', 'White', 'Tempered glass'),
    ],
    [
      'CASE-FRA-NORTH-CB',
      'fractal-design',
      'Fractal Design North Charcoal Black',
      15900,
      pcCase('ATX Mid Tower', 'Charcoal Black', 'Tempered glass'),
      { note: 'Real walnut front panel for a living-room look.' },
    ],
    [
      'CASE-FRA-POPAIR-WH',
      'fractal-design',
      'Fractal Design Pop Air RGB White',
      8900,
      pcCase('ATX Mid Tower', 'White', 'Tempered glass'),
    ],
  ],
);

const monitors = group(
  'monitors',
  {
    warrantyMonths: 36,
    serialized: true,
    describe: (s) => {
      const use =
        Number(s.refreshHz) >= 144
          ? 'Smooth and responsive for gaming.'
          : String(s.resolution).includes('4K')
            ? 'Sharp 4K detail for photo, video and office work.'
            : 'A comfortable everyday screen for office and study.';
      return `${s.sizeInch}-inch ${s.panel} monitor at ${s.resolution}, ${s.refreshHz} Hz with ${s.responseMs} ms response time. ${use}`;
    },
  },
  [
    [
      'MON-DEL-P2425H',
      'dell',
      'Dell 24 Monitor P2425H 24" FHD IPS 100Hz',
      15900,
      monitor(23.8, FHD, 100, 'IPS', 5),
    ],
    [
      'MON-DEL-S2725DS',
      'dell',
      'Dell 27 Monitor S2725DS 27" QHD IPS 100Hz',
      23900,
      monitor(27, QHD, 100, 'IPS', 4),
    ],
    [
      'MON-DEL-U2723QE',
      'dell',
      'Dell UltraSharp U2723QE 27" 4K USB-C Hub Monitor',
      54900,
      monitor(27, UHD, 60, 'IPS Black', 5),
      { compareAt: 59900 },
    ],
    [
      'MON-DEL-AW2725DF',
      'dell',
      'Alienware AW2725DF 27" QD-OLED 360Hz Gaming Monitor',
      89900,
      monitor(26.7, QHD, 360, 'QD-OLED', 0.03),
    ],
    [
      'MON-LG-24GS60F',
      'lg',
      'LG UltraGear 24GS60F 24" FHD IPS 180Hz',
      13900,
      monitor(23.8, FHD, 180, 'IPS', 1),
    ],
    [
      'MON-LG-27GR75Q',
      'lg',
      'LG UltraGear 27GR75Q 27" QHD IPS 165Hz',
      27900,
      monitor(27, QHD, 165, 'IPS', 1),
    ],
    ['MON-LG-27US550', 'lg', 'LG 27US550-W 27" 4K UHD IPS Monitor', 28900, monitor(27, UHD, 60, 'IPS', 5)],
    [
      'MON-LG-32GS95UE',
      'lg',
      'LG UltraGear 32GS95UE 32" 4K OLED 240Hz',
      139900,
      monitor(31.5, UHD, 240, 'OLED', 0.03),
      { note: 'Dual mode switches to 1080p at 480 Hz for esports.' },
    ],
    [
      'MON-LG-34WQ60C',
      'lg',
      'LG 34WQ60C-B 34" Curved UltraWide QHD Monitor',
      35900,
      monitor(34, UWQHD, 100, 'IPS', 5),
    ],
    [
      'MON-AOC-24G4X',
      'aoc',
      'AOC 24G4X 24" FHD IPS 180Hz Gaming Monitor',
      12900,
      monitor(23.8, FHD, 180, 'Fast IPS', 1),
    ],
    [
      'MON-AOC-Q27G4X',
      'aoc',
      'AOC Q27G4X 27" QHD IPS 180Hz Gaming Monitor',
      21900,
      monitor(27, QHD, 180, 'Fast IPS', 1),
      { compareAt: 23900 },
    ],
    ['MON-AOC-U27B3AF', 'aoc', 'AOC U27B3AF 27" 4K IPS Monitor', 25900, monitor(27, UHD, 60, 'IPS', 4)],
    [
      'MON-SAM-G5-27',
      'samsung',
      'Samsung Odyssey G5 27" QHD 165Hz Curved Gaming Monitor',
      25900,
      monitor(27, QHD, 165, 'VA', 1),
    ],
    [
      'MON-SAM-G7-32',
      'samsung',
      'Samsung Odyssey G7 32" 4K IPS 144Hz Gaming Monitor',
      59900,
      monitor(32, UHD, 144, 'IPS', 1),
    ],
    [
      'MON-SAM-S8-27',
      'samsung',
      'Samsung ViewFinity S8 27" 4K UHD Monitor',
      37900,
      monitor(27, UHD, 60, 'IPS', 5),
    ],
    [
      'MON-ASU-VG249Q3A',
      'asus',
      'ASUS TUF Gaming VG249Q3A 24" FHD IPS 180Hz',
      13500,
      monitor(23.8, FHD, 180, 'Fast IPS', 1),
    ],
    [
      'MON-ASU-PG27AQDM',
      'asus',
      'ASUS ROG Swift OLED PG27AQDM 27" QHD 240Hz',
      94900,
      monitor(26.5, QHD, 240, 'OLED', 0.03),
    ],
    [
      'MON-ASU-PA279CRV',
      'asus',
      'ASUS ProArt PA279CRV 27" 4K Professional Monitor',
      52900,
      monitor(27, UHD, 60, 'IPS', 5),
      { note: 'Factory calibrated with 99% DCI-P3 coverage for colour-critical work.' },
    ],
    [
      'MON-MSI-274QRFE2',
      'msi',
      'MSI MAG 274QRF QD E2 27" QHD Rapid IPS 180Hz',
      27900,
      monitor(27, QHD, 180, 'Rapid IPS', 1),
    ],
    ['MON-MSI-MP243X', 'msi', 'MSI PRO MP243X 24" FHD IPS 100Hz', 9900, monitor(23.8, FHD, 100, 'IPS', 4)],
    [
      'MON-ACE-VG240YM3',
      'acer',
      'Acer Nitro VG240Y M3 24" FHD IPS 180Hz',
      12500,
      monitor(23.8, FHD, 180, 'IPS', 1),
    ],
    [
      'MON-GIG-M27U',
      'gigabyte',
      'Gigabyte M27U 27" 4K 160Hz Gaming Monitor',
      54900,
      monitor(27, UHD, 160, 'SS IPS', 1),
    ],
  ],
);

const describeLaptop = (s: Specs): string =>
  `${s.cpu} with ${s.ramGb}GB RAM, ${gb(s.storageGb)} SSD and a ${s.screenInch}-inch display; graphics: ${s.gpu}. ` +
  `Weighs ${s.weightKg} kg and comes with ${s.os}.`;

const gamingLaptops = group(
  'gaming-laptops',
  { warrantyMonths: 24, serialized: true, describe: describeLaptop },
  [
    [
      'LAP-ASU-FA507NV',
      'asus',
      'ASUS TUF Gaming A15 Ryzen 7 RTX 4060',
      114900,
      laptop('AMD Ryzen 7 7735HS', 16, 512, 15.6, 'NVIDIA GeForce RTX 4060 8GB', 2.2, W11H),
      { compareAt: 119900 },
    ],
    [
      'LAP-ASU-FX507ZC4',
      'asus',
      'ASUS TUF Gaming F15 Core i5 RTX 3050',
      79900,
      laptop('Intel Core i5-12500H', 16, 512, 15.6, 'NVIDIA GeForce RTX 3050 4GB', 2.2, W11H),
    ],
    [
      'LAP-ASU-G614JIR',
      'asus',
      'ASUS ROG Strix G16 Core i7 RTX 4070',
      179900,
      laptop('Intel Core i7-14650HX', 16, 1000, 16, 'NVIDIA GeForce RTX 4070 8GB', 2.5, W11H),
    ],
    [
      'LAP-ASU-GA403UI',
      'asus',
      'ASUS ROG Zephyrus G14 Ryzen 9 RTX 4070',
      199900,
      laptop('AMD Ryzen 9 8945HS', 32, 1000, 14, 'NVIDIA GeForce RTX 4070 8GB', 1.5, W11H),
      { note: 'OLED 3K 120 Hz screen in a slim aluminium body.' },
    ],
    [
      'LAP-MSI-KAT15-B13V',
      'msi',
      'MSI Katana 15 Core i7 RTX 4060',
      109900,
      laptop('Intel Core i7-13620H', 16, 512, 15.6, 'NVIDIA GeForce RTX 4060 8GB', 2.25, W11H),
    ],
    [
      'LAP-MSI-CYB15-A13VE',
      'msi',
      'MSI Cyborg 15 Core i5 RTX 4050',
      84900,
      laptop('Intel Core i5-12450H', 16, 512, 15.6, 'NVIDIA GeForce RTX 4050 6GB', 1.98, W11H),
    ],
    [
      'LAP-MSI-GF63-RTX2050',
      'msi',
      'MSI Thin GF63 Core i5 RTX 2050',
      64900,
      laptop('Intel Core i5-12450H', 8, 512, 15.6, 'NVIDIA GeForce RTX 2050 4GB', 1.86, W11H),
      { compareAt: 69900 },
    ],
    [
      'LAP-MSI-VEC16-HX',
      'msi',
      'MSI Vector 16 HX Core i9 RTX 4080',
      279900,
      laptop('Intel Core i9-14900HX', 32, 1000, 16, 'NVIDIA GeForce RTX 4080 12GB', 2.7, W11H),
    ],
    [
      'LAP-ACE-ANV15-51',
      'acer',
      'Acer Nitro V 15 Core i5 RTX 4050',
      84900,
      laptop('Intel Core i5-13420H', 16, 512, 15.6, 'NVIDIA GeForce RTX 4050 6GB', 2.1, W11H),
    ],
    [
      'LAP-ACE-PHN16-72',
      'acer',
      'Acer Predator Helios Neo 16 Core i7 RTX 4060',
      139900,
      laptop('Intel Core i7-14700HX', 16, 1000, 16, 'NVIDIA GeForce RTX 4060 8GB', 2.8, W11H),
    ],
    [
      'LAP-LEN-LOQ15-I5',
      'lenovo',
      'Lenovo LOQ 15 Core i5 RTX 4050',
      89900,
      laptop('Intel Core i5-13450HX', 16, 512, 15.6, 'NVIDIA GeForce RTX 4050 6GB', 2.4, W11H),
    ],
    [
      'LAP-LEN-LS5-16APH8',
      'lenovo',
      'Lenovo Legion Slim 5 Ryzen 7 RTX 4060',
      139900,
      laptop('AMD Ryzen 7 7840HS', 16, 1000, 16, 'NVIDIA GeForce RTX 4060 8GB', 2.4, W11H),
    ],
    [
      'LAP-LEN-LP7I-G9',
      'lenovo',
      'Lenovo Legion Pro 7i Core i9 RTX 4080',
      289900,
      laptop('Intel Core i9-14900HX', 32, 1000, 16, 'NVIDIA GeForce RTX 4080 12GB', 2.8, W11H),
    ],
    [
      'LAP-HP-VIC15-FA1',
      'hp',
      'HP Victus 15 Core i5 RTX 3050',
      79900,
      laptop('Intel Core i5-13420H', 16, 512, 15.6, 'NVIDIA GeForce RTX 3050 6GB', 2.29, W11H),
    ],
    [
      'LAP-HP-OMEN16-R7',
      'hp',
      'HP OMEN 16 Ryzen 7 RTX 4060',
      134900,
      laptop('AMD Ryzen 7 8845HS', 16, 1000, 16.1, 'NVIDIA GeForce RTX 4060 8GB', 2.35, W11H),
    ],
    [
      'LAP-DEL-G15-5530',
      'dell',
      'Dell G15 5530 Core i7 RTX 4060',
      129900,
      laptop('Intel Core i7-13650HX', 16, 1000, 15.6, 'NVIDIA GeForce RTX 4060 8GB', 2.8, W11H),
    ],
    [
      'LAP-GIG-G5-KF5',
      'gigabyte',
      'Gigabyte G5 KF5 Core i5 RTX 4060',
      94900,
      laptop('Intel Core i5-13500H', 16, 512, 15.6, 'NVIDIA GeForce RTX 4060 8GB', 1.9, W11H),
    ],
  ],
);

const businessLaptops = group(
  'business-laptops',
  { warrantyMonths: 24, serialized: true, describe: describeLaptop },
  [
    [
      'LAP-DEL-LAT5450',
      'dell',
      'Dell Latitude 5450 Core Ultra 5',
      119900,
      laptop('Intel Core Ultra 5 125U', 16, 512, 14, 'Intel Graphics', 1.5, W11P),
      { warranty: 36 },
    ],
    [
      'LAP-DEL-LAT3540',
      'dell',
      'Dell Latitude 3540 Core i5',
      74900,
      laptop('Intel Core i5-1335U', 8, 512, 15.6, 'Intel Iris Xe Graphics', 1.79, W11P),
    ],
    [
      'LAP-DEL-V3530-I5',
      'dell',
      'Dell Vostro 3530 Core i5',
      64900,
      laptop('Intel Core i5-1335U', 8, 512, 15.6, 'Intel Iris Xe Graphics', 1.66, W11H),
      { compareAt: 68900 },
    ],
    [
      'LAP-DEL-INS3530-I3',
      'dell',
      'Dell Inspiron 15 3530 Core i3',
      49900,
      laptop('Intel Core i3-1305U', 8, 512, 15.6, 'Intel UHD Graphics', 1.62, W11H),
      { warranty: 12 },
    ],
    [
      'LAP-LEN-E14G5-I5',
      'lenovo',
      'Lenovo ThinkPad E14 Gen 5 Core i5',
      89900,
      laptop('Intel Core i5-1335U', 16, 512, 14, 'Intel Iris Xe Graphics', 1.41, W11P),
    ],
    [
      'LAP-LEN-T14G5-U7',
      'lenovo',
      'Lenovo ThinkPad T14 Gen 5 Core Ultra 7',
      149900,
      laptop('Intel Core Ultra 7 155U', 16, 512, 14, 'Intel Graphics', 1.21, W11P),
      { warranty: 36 },
    ],
    [
      'LAP-LEN-X1CG12-U7',
      'lenovo',
      'Lenovo ThinkPad X1 Carbon Gen 12 Core Ultra 7',
      229900,
      laptop('Intel Core Ultra 7 165U', 32, 1000, 14, 'Intel Graphics', 1.09, W11P),
      { warranty: 36 },
    ],
    [
      'LAP-LEN-IPS3-R5',
      'lenovo',
      'Lenovo IdeaPad Slim 3 Ryzen 5',
      44900,
      laptop('AMD Ryzen 5 7520U', 8, 512, 15.6, 'AMD Radeon 610M', 1.62, W11H),
      { warranty: 12, note: 'A popular choice for students (សិស្ស) and home office.' },
    ],
    [
      'LAP-LEN-V15G4-I3',
      'lenovo',
      'Lenovo V15 G4 Core i3',
      42900,
      laptop('Intel Core i3-1315U', 8, 256, 15.6, 'Intel UHD Graphics', 1.65, W11H),
      { warranty: 12 },
    ],
    [
      'LAP-HP-PB450G10',
      'hp',
      'HP ProBook 450 G10 Core i5',
      84900,
      laptop('Intel Core i5-1335U', 8, 512, 15.6, 'Intel Iris Xe Graphics', 1.79, W11P),
    ],
    [
      'LAP-HP-EB840G11',
      'hp',
      'HP EliteBook 840 G11 Core Ultra 5',
      149900,
      laptop('Intel Core Ultra 5 125U', 16, 512, 14, 'Intel Graphics', 1.37, W11P),
      { warranty: 36 },
    ],
    [
      'LAP-HP-15FD-I3',
      'hp',
      'HP 15 fd0000 Core i3',
      46900,
      laptop('Intel Core i3-1315U', 8, 512, 15.6, 'Intel UHD Graphics', 1.59, W11H),
      { warranty: 12 },
    ],
    [
      'LAP-APL-MBA13-M4',
      'apple',
      'Apple MacBook Air 13 M4 16GB 256GB',
      109900,
      laptop('Apple M4 (10-core CPU)', 16, 256, 13.6, 'Apple M4 8-core GPU', 1.24, 'macOS'),
      { warranty: 12 },
    ],
    [
      'LAP-APL-MBA15-M4',
      'apple',
      'Apple MacBook Air 15 M4 16GB 512GB',
      149900,
      laptop('Apple M4 (10-core CPU)', 16, 512, 15.3, 'Apple M4 10-core GPU', 1.51, 'macOS'),
      { warranty: 12 },
    ],
    [
      'LAP-APL-MBP14-M4P',
      'apple',
      'Apple MacBook Pro 14 M4 Pro 24GB 512GB',
      209900,
      laptop('Apple M4 Pro (12-core CPU)', 24, 512, 14.2, 'Apple M4 Pro 16-core GPU', 1.6, 'macOS'),
      { warranty: 12 },
    ],
    [
      'LAP-ASU-X1504VA-I5',
      'asus',
      'ASUS Vivobook 15 Core i5',
      57900,
      laptop('Intel Core i5-1335U', 8, 512, 15.6, 'Intel Iris Xe Graphics', 1.7, W11H),
    ],
    [
      'LAP-ASU-UX3405MA',
      'asus',
      'ASUS Zenbook 14 OLED Core Ultra 7',
      119900,
      laptop('Intel Core Ultra 7 155H', 16, 1000, 14, 'Intel Arc Graphics', 1.2, W11H),
      { compareAt: 124900 },
    ],
    [
      'LAP-ACE-A515-58M',
      'acer',
      'Acer Aspire 5 Core i5',
      59900,
      laptop('Intel Core i5-1335U', 8, 512, 15.6, 'Intel Iris Xe Graphics', 1.78, W11H),
    ],
    [
      'LAP-ACE-SFG14-U5',
      'acer',
      'Acer Swift Go 14 Core Ultra 5',
      89900,
      laptop('Intel Core Ultra 5 125H', 16, 512, 14, 'Intel Arc Graphics', 1.32, W11H),
    ],
    [
      'LAP-MSI-MOD14-C13M',
      'msi',
      'MSI Modern 14 Core i5',
      54900,
      laptop('Intel Core i5-1335U', 8, 512, 14, 'Intel Iris Xe Graphics', 1.4, W11H),
    ],
  ],
);

const keyboardsMice = group(
  'keyboards-mice',
  {
    warrantyMonths: 24,
    serialized: false,
    describe: (s) => {
      const features = [`a ${String(s.connection).replace(/^Wired/, 'wired')} connection`];
      if (s.layout) features.push(`a ${String(s.layout).replace(/^Full-size/, 'full-size')} layout`);
      if (s.switches) features.push(`${s.switches} switches`);
      if (s.dpi) features.push(`a sensor up to ${s.dpi} DPI`);
      const last = features.pop();
      return `${s.type} with ${features.length ? `${features.join(', ')} and ${last}` : last}.`;
    },
  },
  [
    [
      'KBM-LOG-G102',
      'logitech',
      'Logitech G102 LIGHTSYNC Gaming Mouse',
      1900,
      periph('Mouse', 'Wired USB', undefined, undefined, 8000),
      { note: 'Light, affordable and with RGB lighting.' },
    ],
    [
      'KBM-LOG-G502H',
      'logitech',
      'Logitech G502 HERO Gaming Mouse',
      4900,
      periph('Mouse', 'Wired USB', undefined, undefined, 25600),
    ],
    [
      'KBM-LOG-G502XP',
      'logitech',
      'Logitech G502 X PLUS Wireless Gaming Mouse',
      15900,
      periph('Mouse', 'Wireless LIGHTSPEED', undefined, undefined, 25600),
    ],
    [
      'KBM-LOG-GPXSL2',
      'logitech',
      'Logitech G PRO X SUPERLIGHT 2 Wireless Mouse',
      15900,
      periph('Mouse', 'Wireless LIGHTSPEED', undefined, undefined, 32000),
      { compareAt: 16900 },
    ],
    [
      'KBM-LOG-M331',
      'logitech',
      'Logitech M331 Silent Plus Wireless Mouse',
      1500,
      periph('Mouse', 'Wireless 2.4 GHz', undefined, undefined, 1000),
      { warranty: 12 },
    ],
    [
      'KBM-LOG-MXM3S',
      'logitech',
      'Logitech MX Master 3S Wireless Mouse',
      9900,
      periph('Mouse', 'Bluetooth and 2.4 GHz', undefined, undefined, 8000),
    ],
    [
      'KBM-LOG-MXKEYS-S',
      'logitech',
      'Logitech MX Keys S Wireless Keyboard',
      10900,
      periph('Keyboard', 'Bluetooth and 2.4 GHz', 'Full-size US English', 'Scissor'),
    ],
    [
      'KBM-LOG-MK270',
      'logitech',
      'Logitech MK270 Wireless Keyboard and Mouse Combo',
      2500,
      periph('Keyboard and mouse combo', 'Wireless 2.4 GHz', 'Full-size US English', 'Membrane', 1000),
      { warranty: 12 },
    ],
    [
      'KBM-LOG-G213',
      'logitech',
      'Logitech G213 Prodigy RGB Gaming Keyboard',
      5900,
      periph('Keyboard', 'Wired USB', 'Full-size US English', 'Mech-Dome membrane'),
    ],
    [
      'KBM-LOG-GPROXTKL',
      'logitech',
      'Logitech G PRO X TKL LIGHTSPEED Gaming Keyboard',
      19900,
      periph('Keyboard', 'Wireless LIGHTSPEED', 'Tenkeyless US English', 'GX Brown Tactile'),
    ],
    [
      'KBM-RAZ-DAV3',
      'razer',
      'Razer DeathAdder V3 Gaming Mouse',
      6900,
      periph('Mouse', 'Wired USB', undefined, undefined, 30000),
    ],
    [
      'KBM-RAZ-BASV3',
      'razer',
      'Razer Basilisk V3 Gaming Mouse',
      6500,
      periph('Mouse', 'Wired USB', undefined, undefined, 26000),
    ],
    [
      'KBM-RAZ-VIPV3PRO',
      'razer',
      'Razer Viper V3 Pro Wireless Gaming Mouse',
      15900,
      periph('Mouse', 'Wireless HyperSpeed', undefined, undefined, 35000),
    ],
    [
      'KBM-RAZ-BWV4X',
      'razer',
      'Razer BlackWidow V4 X Mechanical Keyboard',
      12900,
      periph('Keyboard', 'Wired USB', 'Full-size US English', 'Razer Green Clicky'),
    ],
    [
      'KBM-RAZ-HUNTMINI',
      'razer',
      'Razer Huntsman Mini 60% Optical Keyboard',
      9900,
      periph('Keyboard', 'Wired USB-C', '60% US English', 'Razer Red Linear Optical'),
      { compareAt: 11900 },
    ],
    [
      'KBM-COR-K70CORE',
      'corsair',
      'Corsair K70 CORE RGB Mechanical Keyboard',
      9900,
      periph('Keyboard', 'Wired USB', 'Full-size US English', 'Corsair MLX Red Linear'),
    ],
    [
      'KBM-COR-M65ULTRA',
      'corsair',
      'Corsair M65 RGB ULTRA Gaming Mouse',
      7900,
      periph('Mouse', 'Wired USB', undefined, undefined, 26000),
    ],
    [
      'KBM-ASU-SCOPE2-96W',
      'asus',
      'ASUS ROG Strix Scope II 96 Wireless Keyboard',
      17900,
      periph(
        'Keyboard',
        'Tri-mode wireless (2.4 GHz, Bluetooth, USB-C)',
        '96% US English',
        'ROG NX Snow Linear',
      ),
    ],
    [
      'KBM-KEY-K8PRO',
      'keychron',
      'Keychron K8 Pro Wireless Mechanical Keyboard',
      10900,
      periph('Keyboard', 'Bluetooth and USB-C', 'Tenkeyless US English', 'Gateron G Pro Brown'),
      { warranty: 12, note: 'Hot-swappable switches and Mac/Windows keycaps included.' },
    ],
    [
      'KBM-HYX-ALLOYCORE',
      'hyperx',
      'HyperX Alloy Origins Core Mechanical Keyboard',
      8900,
      periph('Keyboard', 'Wired USB-C', 'Tenkeyless US English', 'HyperX Red Linear'),
    ],
    [
      'KBM-HYX-PFH2',
      'hyperx',
      'HyperX Pulsefire Haste 2 Gaming Mouse',
      5900,
      periph('Mouse', 'Wired USB', undefined, undefined, 26000),
    ],
  ],
);

const networking = group(
  'networking',
  {
    warrantyMonths: 24,
    serialized: false,
    describe: (s) =>
      (s.wifiStandard ? `${s.wifiStandard} ${String(s.type).toLowerCase()}` : `${s.type}`) +
      ` rated ${s.speed} with ${s.ports} Ethernet port${s.ports === 1 ? '' : 's'}.`,
  },
  [
    [
      'NET-TPL-TLWN725N',
      'tp-link',
      'TP-Link TL-WN725N N150 Nano USB Wi-Fi Adapter',
      700,
      net('USB Wi-Fi adapter', 'Wi-Fi 4', undefined, 'N150'),
      {
        description: 'Tiny Wi-Fi 4 USB adapter (N150) that adds wireless to any desktop or old laptop.',
        warranty: 12,
      },
    ],
    [
      'NET-TPL-T3U-PLUS',
      'tp-link',
      'TP-Link Archer T3U Plus AC1300 USB Wi-Fi Adapter',
      1900,
      net('USB Wi-Fi adapter', 'Wi-Fi 5', undefined, 'AC1300'),
      { description: 'Dual-band Wi-Fi 5 USB adapter (AC1300) with a high-gain antenna for desktop PCs.' },
    ],
    [
      'NET-TPL-TX20E',
      'tp-link',
      'TP-Link Archer TX20E AX1800 Wi-Fi 6 PCIe Adapter with Bluetooth 5.2',
      3500,
      net('PCIe Wi-Fi adapter', 'Wi-Fi 6', undefined, 'AX1800'),
      { description: 'Wi-Fi 6 PCIe card (AX1800) with Bluetooth 5.2 and two antennas for desktop PCs.' },
    ],
    [
      'NET-TPL-C6',
      'tp-link',
      'TP-Link Archer C6 AC1200 Wi-Fi Router',
      2900,
      net('Router', 'Wi-Fi 5', 5, 'AC1200'),
    ],
    [
      'NET-TPL-AX23',
      'tp-link',
      'TP-Link Archer AX23 AX1800 Wi-Fi 6 Router',
      4900,
      net('Router', 'Wi-Fi 6', 5, 'AX1800'),
      { compareAt: 5500 },
    ],
    [
      'NET-TPL-AX55',
      'tp-link',
      'TP-Link Archer AX55 AX3000 Wi-Fi 6 Router',
      7500,
      net('Router', 'Wi-Fi 6', 5, 'AX3000'),
    ],
    [
      'NET-TPL-AX73',
      'tp-link',
      'TP-Link Archer AX73 AX5400 Wi-Fi 6 Router',
      10900,
      net('Router', 'Wi-Fi 6', 5, 'AX5400'),
    ],
    [
      'NET-TPL-BE550',
      'tp-link',
      'TP-Link Archer BE550 BE9300 Wi-Fi 7 Router',
      24900,
      net('Router', 'Wi-Fi 7', 5, 'BE9300'),
      { note: 'All five ports are 2.5 Gbps.' },
    ],
    [
      'NET-TPL-DECOX50-2P',
      'tp-link',
      'TP-Link Deco X50 AX3000 Wi-Fi 6 Mesh System (2-pack)',
      17900,
      net('Mesh system', 'Wi-Fi 6', 3, 'AX3000'),
      { note: 'Two units cover a shophouse or villa of up to 5,000 sq ft.' },
    ],
    [
      'NET-TPL-RE315',
      'tp-link',
      'TP-Link RE315 AC1200 Wi-Fi Range Extender',
      2500,
      net('Range extender', 'Wi-Fi 5', 1, 'AC1200'),
    ],
    [
      'NET-TPL-SG108',
      'tp-link',
      'TP-Link TL-SG108 8-Port Gigabit Desktop Switch',
      2200,
      net('Switch', undefined, 8, '1 Gbps'),
      { description: 'Unmanaged 8-port Gigabit switch in a metal case; plug and play.' },
    ],
    [
      'NET-TPL-SF1005D',
      'tp-link',
      'TP-Link TL-SF1005D 5-Port 10/100 Desktop Switch',
      900,
      net('Switch', undefined, 5, '100 Mbps'),
      { description: 'Compact unmanaged 5-port 10/100 Mbps switch for small offices.', warranty: 12 },
    ],
    [
      'NET-ASU-RTAX57',
      'asus',
      'ASUS RT-AX57 AX3000 Wi-Fi 6 Router',
      8900,
      net('Router', 'Wi-Fi 6', 5, 'AX3000'),
    ],
    [
      'NET-ASU-GTAX6000',
      'asus',
      'ASUS ROG Rapture GT-AX6000 Wi-Fi 6 Gaming Router',
      32900,
      net('Router', 'Wi-Fi 6', 6, 'AX6000'),
      { note: 'Dual 2.5 Gbps ports and game-traffic prioritisation.' },
    ],
    [
      'NET-UBI-U6LITE',
      'ubiquiti',
      'Ubiquiti UniFi U6 Lite Wi-Fi 6 Access Point',
      12900,
      net('Access point', 'Wi-Fi 6', 1, 'AX1500'),
      { warranty: 12 },
    ],
    [
      'NET-UBI-U6PLUS',
      'ubiquiti',
      'Ubiquiti UniFi U6+ Wi-Fi 6 Access Point',
      14900,
      net('Access point', 'Wi-Fi 6', 1, 'AX3000'),
      { warranty: 12 },
    ],
    [
      'NET-UBI-U7PRO',
      'ubiquiti',
      'Ubiquiti UniFi U7 Pro Wi-Fi 7 Access Point',
      22900,
      net('Access point', 'Wi-Fi 7', 1, 'BE9300'),
      { warranty: 12 },
    ],
    [
      'NET-UBI-UCG-ULTRA',
      'ubiquiti',
      'Ubiquiti UniFi Cloud Gateway Ultra',
      12900,
      net('Gateway', undefined, 5, '1 Gbps'),
      {
        warranty: 12,
        description: 'Compact UniFi gateway with 4 LAN ports and a 2.5 Gbps WAN; runs UniFi Network.',
      },
    ],
    [
      'NET-UBI-USWLITE8P',
      'ubiquiti',
      'Ubiquiti UniFi Switch Lite 8 PoE',
      12500,
      net('PoE switch', undefined, 8, '1 Gbps'),
      {
        warranty: 12,
        description: 'Managed 8-port Gigabit switch with 4 PoE+ ports to power access points and cameras.',
      },
    ],
  ],
);

const accessories = group(
  'accessories',
  {
    warrantyMonths: 12,
    serialized: false,
    describe: (s) => `${s.type} compatible with ${s.compatibility}.`,
  },
  [
    [
      'ACC-UGR-USBC-100W-2M',
      'ugreen',
      'Ugreen USB-C to USB-C Cable 100W 2m',
      900,
      acc('Cable', 'USB-C laptops, tablets and phones'),
      {
        warranty: 6,
        description: 'Braided USB-C cable carrying up to 100 W for fast laptop and phone charging, 2 m long.',
      },
    ],
    [
      'ACC-UGR-CAT6-5M',
      'ugreen',
      'Ugreen Cat6 Ethernet Cable 5m',
      700,
      acc('Cable', 'RJ45 Gigabit Ethernet devices'),
      {
        warranty: 6,
        description: 'Cat6 RJ45 network cable, 5 m, for Gigabit connections to routers and switches.',
      },
    ],
    [
      'ACC-UGR-HDMI21-2M',
      'ugreen',
      'Ugreen HDMI 2.1 8K Cable 2m',
      1200,
      acc('Cable', 'HDMI 2.1 monitors, TVs and consoles'),
      { warranty: 6, description: 'HDMI 2.1 cable supporting 8K at 60 Hz and 4K at 120 Hz, 2 m long.' },
    ],
    [
      'ACC-UGR-DP14-2M',
      'ugreen',
      'Ugreen DisplayPort 1.4 Cable 2m',
      1100,
      acc('Cable', 'DisplayPort monitors and graphics cards'),
      {
        warranty: 6,
        description: 'DisplayPort 1.4 cable for 4K at 144 Hz or 1440p at 240 Hz gaming monitors, 2 m.',
      },
    ],
    [
      'ACC-UGR-HUB6IN1',
      'ugreen',
      'Ugreen 6-in-1 USB-C Hub with 4K HDMI',
      2900,
      acc('USB-C hub', 'USB-C laptops and MacBooks'),
      {
        description:
          'USB-C hub with 4K HDMI, two USB 3.0 ports, SD/microSD readers and 100 W pass-through charging.',
      },
    ],
    [
      'ACC-UGR-GAN65W',
      'ugreen',
      'Ugreen Nexode 65W GaN USB-C Charger',
      3500,
      acc('Charger', 'USB-C laptops, tablets and phones'),
      {
        description:
          'Compact 65 W GaN charger with two USB-C and one USB-A port, enough for a laptop and a phone.',
      },
    ],
    [
      'ACC-UGR-M2-ENCL',
      'ugreen',
      'Ugreen M.2 NVMe SSD Enclosure USB 3.2 Gen 2',
      2500,
      acc('SSD enclosure', 'M.2 2280 NVMe and SATA SSDs'),
      {
        description:
          'Tool-free aluminium enclosure that turns an M.2 2280 NVMe SSD into a 10 Gbps USB-C drive.',
      },
    ],
    [
      'ACC-UGR-USB-RJ45',
      'ugreen',
      'Ugreen USB 3.0 to Gigabit Ethernet Adapter',
      1500,
      acc('Network adapter', 'Laptops and PCs with USB-A'),
      {
        description: 'Plug-and-play USB 3.0 to Gigabit Ethernet adapter for laptops without a network port.',
      },
    ],
    [
      'ACC-ARC-MX4-4G',
      'arctic',
      'Arctic MX-4 Thermal Paste 4g',
      700,
      acc('Thermal paste', 'All CPUs and GPUs'),
      {
        warranty: 6,
        description:
          'Non-conductive, easy-to-spread thermal paste for CPUs and GPUs; 4 g is enough for several builds.',
      },
    ],
    [
      'ACC-ARC-MX6-4G',
      'arctic',
      'Arctic MX-6 Thermal Paste 4g',
      900,
      acc('Thermal paste', 'All CPUs and GPUs'),
      {
        warranty: 6,
        description: 'High-performance, non-conductive thermal paste for CPUs and GPUs; 4 g tube.',
      },
    ],
    [
      'ACC-ARC-P12-5PK',
      'arctic',
      'Arctic P12 PWM PST 120mm Case Fan (5-pack)',
      2900,
      acc('Case fan', '120 mm fan mounts'),
      { description: 'Five quiet 120 mm PWM fans with daisy-chain connectors for good case airflow.' },
    ],
    [
      'ACC-ARC-F36',
      'arctic',
      'Arctic Freezer 36 CPU Air Cooler',
      3900,
      acc('CPU air cooler', 'Intel LGA1700/LGA1851 and AMD AM4/AM5'),
      {
        warranty: 72,
        description:
          'Tower CPU cooler with two 120 mm fans in push-pull, for Intel LGA1700/LGA1851 and AMD AM4/AM5.',
      },
    ],
    [
      'ACC-ARC-LF3-360',
      'arctic',
      'Arctic Liquid Freezer III 360 AIO Liquid Cooler',
      11900,
      acc('AIO liquid cooler', 'Intel LGA1700/LGA1851 and AMD AM4/AM5'),
      {
        warranty: 72,
        compareAt: 12900,
        description:
          '360 mm all-in-one liquid cooler with three P12 fans and a VRM fan, for Intel LGA1700/LGA1851 and AMD AM4/AM5.',
      },
    ],
    [
      'ACC-CM-H212-BLK',
      'cooler-master',
      'Cooler Master Hyper 212 Black Edition CPU Cooler',
      3500,
      acc('CPU air cooler', 'Intel LGA1700/LGA1200 and AMD AM4/AM5'),
      {
        warranty: 24,
        description:
          'Classic tower CPU cooler with four heat pipes and a 120 mm fan, for Intel LGA1700/LGA1200 and AMD AM4/AM5.',
      },
    ],
    [
      'ACC-CM-ML240L',
      'cooler-master',
      'Cooler Master MasterLiquid 240L Core ARGB',
      6900,
      acc('AIO liquid cooler', 'Intel LGA1700/LGA1200 and AMD AM4/AM5'),
      {
        warranty: 24,
        description:
          '240 mm all-in-one liquid cooler with two ARGB fans, for Intel LGA1700/LGA1200 and AMD AM4/AM5.',
      },
    ],
    [
      'ACC-LOG-C920',
      'logitech',
      'Logitech C920 HD Pro Webcam',
      7500,
      acc('Webcam', 'Windows, macOS and ChromeOS via USB'),
      {
        warranty: 24,
        description: 'Full HD 1080p webcam with stereo microphones for Zoom, Teams and Google Meet.',
      },
    ],
    [
      'ACC-LOG-H390',
      'logitech',
      'Logitech H390 USB Headset',
      2900,
      acc('Headset', 'Windows and macOS via USB'),
      {
        warranty: 24,
        description:
          'Comfortable USB headset with a noise-cancelling microphone for calls and online classes.',
      },
    ],
    [
      'ACC-LEX-S80-128',
      'lexar',
      'Lexar JumpDrive S80 128GB USB 3.1 Flash Drive',
      1200,
      acc('USB flash drive', 'USB-A computers'),
      { description: '128GB USB 3.1 flash drive with reads up to 150 MB/s.' },
    ],
    [
      'ACC-LEX-SD1066-128',
      'lexar',
      'Lexar Professional 1066x 128GB SDXC UHS-I Card',
      2500,
      acc('Memory card', 'Cameras and SD card readers'),
      { description: '128GB SDXC UHS-I card (V30) reading up to 160 MB/s for 4K video and photos.' },
    ],
    [
      'ACC-APC-BX650LI',
      'apc',
      'APC Back-UPS 650VA BX650LI-MS',
      5900,
      acc('UPS', 'Desktop PCs, monitors and routers'),
      {
        warranty: 24,
        serialized: true,
        description:
          '650VA / 360W line-interactive UPS with AVR that keeps your PC and router running through short power cuts (ដាច់ភ្លើង). Gives you time to save your work and shut down safely.',
      },
    ],
  ],
);

const drafts: Draft[] = [
  ...cpus,
  ...motherboards,
  ...memory,
  ...ssds,
  ...hardDrives,
  ...graphicsCards,
  ...powerSupplies,
  ...cases,
  ...monitors,
  ...gamingLaptops,
  ...businessLaptops,
  ...keyboardsMice,
  ...networking,
  ...accessories,
];

export const demoProducts: DemoProduct[] = drafts.map((draft, index) => ({
  ...draft,
  barcode: barcodeFor(index),
  stock: stockFor(index),
}));
