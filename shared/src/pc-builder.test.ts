import { describe, expect, it } from 'vitest';
import {
  checkBuild,
  fitReasonText,
  type FitCode,
  type PcPart,
  type PcSlot,
  type PickedPart,
} from './pc-builder';
import type { Specs } from './specs';

// Real parts with the specs their makers publish (and the demo catalog carries).
const part = (id: string, slot: PcSlot, specs: Specs): PcPart => ({ id, slot, specs });
const ryzen7800x3d = part('Ryzen 7 7800X3D', 'cpu', { socket: 'AM5', tdpW: 120 });
const ryzen5600 = part('Ryzen 5 5600', 'cpu', { socket: 'AM4', tdpW: 65 });
const i5_12400f = part('Core i5-12400F', 'cpu', { socket: 'LGA1700', tdpW: 65 });
const ultra7_265k = part('Core Ultra 7 265K', 'cpu', { socket: 'LGA1851', tdpW: 125 });
const b650GamingPlus = part('MSI B650 GAMING PLUS WIFI', 'motherboard', {
  socket: 'AM5',
  formFactor: 'ATX',
  memoryType: 'DDR5',
  memorySlots: 4,
  m2Slots: 2,
});
const b650mAorus = part('Gigabyte B650M AORUS ELITE AX', 'motherboard', {
  socket: 'AM5',
  formFactor: 'Micro-ATX',
  memoryType: 'DDR5',
  memorySlots: 4,
  m2Slots: 2,
});
const b860i = part('ASUS ROG STRIX B860-I GAMING WIFI', 'motherboard', {
  socket: 'LGA1851',
  formFactor: 'Mini-ITX',
  memoryType: 'DDR5',
  memorySlots: 2,
  m2Slots: 2,
});
const b550mAorus = part('Gigabyte B550M AORUS ELITE', 'motherboard', {
  socket: 'AM4',
  formFactor: 'Micro-ATX',
  memoryType: 'DDR4',
  memorySlots: 4,
  m2Slots: 2,
});
const furyDdr4 = part('Kingston FURY Beast 16GB (2x8GB) DDR4', 'memory', { type: 'DDR4', modules: 2 });
const tridentZ5 = part('G.Skill Trident Z5 RGB 32GB (2x16GB) DDR5', 'memory', { type: 'DDR5', modules: 2 });
const vengeance4x16 = part('Corsair Vengeance 64GB (4x16GB) DDR5', 'memory', { type: 'DDR5', modules: 4 });
const sodimm = part('Crucial 16GB DDR5 SO-DIMM', 'memory', { type: 'DDR5 SO-DIMM', modules: 1 });
const nvme = (id: string) =>
  part(id, 'storage', { interface: 'PCIe 4.0 x4 NVMe', formFactor: 'M.2 2280', capacityGb: 1000 });
const sata870 = part('Samsung 870 EVO 1TB', 'storage', {
  interface: 'SATA III 6Gb/s',
  formFactor: '2.5-inch',
});
const t7Shield = part('Samsung T7 Shield 1TB', 'storage', {
  interface: 'USB 3.2 Gen 2',
  formFactor: 'Portable',
});
const rtx4060 = part('Gigabyte RTX 4060 WINDFORCE', 'gpu', { lengthMm: 192, powerW: 115 });
const rtx4070TiSuper = part('Gigabyte RTX 4070 Ti SUPER GAMING OC', 'gpu', { lengthMm: 336, powerW: 285 });
const rtx4080Super = part('MSI RTX 4080 SUPER GAMING X SLIM', 'gpu', { lengthMm: 322, powerW: 320 });
const pk550d = part('Deepcool PK550D 550W', 'psu', { wattage: 550 });
const rm750e = part('Corsair RM750e 750W', 'psu', { wattage: 750 });
const ch370 = part('Deepcool CH370 (320 mm cards)', 'case', {
  boardFormFactors: 'Micro-ATX, Mini-ITX',
  maxGpuLengthMm: 320,
});
const q300l = part('Cooler Master MasterBox Q300L', 'case', {
  boardFormFactors: 'Micro-ATX, Mini-ITX',
  maxGpuLengthMm: 360,
});
const h5Flow = part('NZXT H5 Flow', 'case', {
  boardFormFactors: 'ATX, Micro-ATX, Mini-ITX',
  maxGpuLengthMm: 365,
});
const nhL9i = part('Noctua NH-L9i-17xx', 'cooler', { sockets: 'LGA1700' });
const freezer36 = part('Arctic Freezer 36', 'cooler', { sockets: 'LGA1700, LGA1851, AM4, AM5' });
const hyper212 = part('Cooler Master Hyper 212 Black', 'cooler', { sockets: 'LGA1700, LGA1200, AM4, AM5' });

const picks = (...parts: (PcPart | [PcPart, number])[]): PickedPart[] =>
  parts.map((p) => (Array.isArray(p) ? { part: p[0], quantity: p[1] } : { part: p, quantity: 1 }));

const cases: { build: string; parts: PickedPart[]; refused: FitCode[]; text?: string }[] = [
  {
    build: 'Ryzen 7 7800X3D on a B650 DDR5 board with DDR5, RTX 4060, 750 W, ATX case, Freezer 36',
    parts: picks(
      ryzen7800x3d,
      b650GamingPlus,
      tridentZ5,
      nvme('990 PRO'),
      rtx4060,
      rm750e,
      h5Flow,
      freezer36,
    ),
    refused: [],
  },
  {
    build: 'Core i5-12400F (LGA1700) on an AM5 board',
    parts: picks(i5_12400f, b650GamingPlus),
    refused: ['socket'],
    text: "Processor socket LGA1700 does not match the motherboard's AM5",
  },
  {
    build: 'DDR4 kit on a DDR5 board',
    parts: picks(b650GamingPlus, furyDdr4),
    refused: ['memoryType'],
    text: 'DDR4 memory does not fit a DDR5 motherboard',
  },
  {
    build: 'DDR4 kit on a DDR4 AM4 board with a Ryzen 5 5600',
    parts: picks(ryzen5600, b550mAorus, furyDdr4),
    refused: [],
  },
  {
    build: 'four modules (4x16GB) on a 2-slot Mini-ITX board',
    parts: picks(ultra7_265k, b860i, vengeance4x16),
    refused: ['memorySlots'],
    text: '4 memory modules, but the motherboard has 2 slots',
  },
  {
    build: 'two 2-module kits on a 2-slot board',
    parts: picks(b860i, [tridentZ5, 2]),
    refused: ['memorySlots'],
  },
  { build: 'two 2-module kits on a 4-slot board', parts: picks(b650GamingPlus, [tridentZ5, 2]), refused: [] },
  { build: 'laptop SO-DIMM on a desktop board', parts: picks(b650mAorus, sodimm), refused: ['laptopMemory'] },
  {
    build: 'a 336 mm RTX 4070 Ti SUPER in a case for cards up to 320 mm',
    parts: picks(rtx4070TiSuper, ch370),
    refused: ['gpuLength'],
    text: 'The graphics card is 336 mm long; the case takes cards up to 320 mm',
  },
  { build: 'a 336 mm card in a 360 mm case', parts: picks(rtx4070TiSuper, q300l), refused: [] },
  {
    build: '550 W power supply for a 7800X3D and an RTX 4080 SUPER',
    parts: picks(ryzen7800x3d, rtx4080Super, pk550d),
    refused: ['power'],
    text: 'Needs a power supply of at least 670 W (estimated draw 515 W + 30%); this one gives 550 W',
  },
  {
    build: '750 W for a 7800X3D and an RTX 4080 SUPER',
    parts: picks(ryzen7800x3d, rtx4080Super, rm750e),
    refused: [],
  },
  { build: '550 W for an i5-12400F and an RTX 4060', parts: picks(i5_12400f, rtx4060, pk550d), refused: [] },
  {
    build: 'an ATX board in a Micro-ATX case',
    parts: picks(b650GamingPlus, q300l),
    refused: ['formFactor'],
    text: 'The ATX motherboard does not fit this case (it takes Micro-ATX, Mini-ITX)',
  },
  { build: 'a Micro-ATX board in an ATX case', parts: picks(b650mAorus, h5Flow), refused: [] },
  {
    build: 'three NVMe drives on a board with 2 M.2 slots',
    parts: picks(b650GamingPlus, nvme('990 PRO'), nvme('SN850X'), nvme('NV3')),
    refused: ['m2Slots'],
    text: '3 M.2 drives, but the motherboard has 2 M.2 slots',
  },
  {
    build: 'two NVMe drives and a SATA SSD on a board with 2 M.2 slots',
    parts: picks(b650GamingPlus, [nvme('990 PRO'), 2], sata870),
    refused: [],
  },
  {
    build: 'a portable USB SSD as a build part',
    parts: picks(b650GamingPlus, t7Shield),
    refused: ['externalDrive'],
  },
  {
    build: 'an Intel-only cooler (NH-L9i-17xx) on an AM5 Ryzen',
    parts: picks(ryzen7800x3d, nhL9i),
    refused: ['coolerSocket'],
    text: 'This cooler does not fit socket AM5 (it fits LGA1700)',
  },
  {
    build: 'Hyper 212 (no LGA1851 kit) on a Core Ultra 7 265K',
    parts: picks(ultra7_265k, hyper212),
    refused: ['coolerSocket'],
  },
  {
    build: 'everything wrong at once',
    parts: picks(i5_12400f, b650GamingPlus, furyDdr4, rtx4070TiSuper, pk550d, ch370, freezer36),
    refused: ['socket', 'memoryType', 'formFactor', 'gpuLength', 'power'],
  },
];

describe('checkBuild on real part combinations', () => {
  for (const { build, parts, refused, text } of cases) {
    it(`${refused.length === 0 ? 'accepts' : `refuses (${refused.join(', ')})`}: ${build}`, () => {
      const { problems } = checkBuild(parts);
      expect(problems.map((p) => p.code)).toEqual(refused);
      if (text) expect(fitReasonText(problems[0]!, 'en')).toBe(text);
      for (const problem of problems) expect(fitReasonText(problem, 'km')).toMatch(/[\u1780-\u17FF]/);
    });
  }
});

describe('checkBuild: candidates of a step and the power estimate', () => {
  it('lists only what fits the other picks, each refusal with its reason', () => {
    const { candidates } = checkBuild(picks(b650GamingPlus), [furyDdr4, tridentZ5, vengeance4x16, sodimm]);
    expect(candidates.map((c) => [c.id, c.fits, c.reasons.map((r) => r.code)])).toEqual([
      [furyDdr4.id, false, ['memoryType']],
      [tridentZ5.id, true, []],
      [vengeance4x16.id, true, []],
      [sodimm.id, false, ['laptopMemory']],
    ]);
  });

  it('a candidate replaces the pick of its slot, a drive adds to the drives picked', () => {
    const picked = picks(b650GamingPlus, furyDdr4, nvme('990 PRO'), nvme('SN850X'));
    const { problems, candidates } = checkBuild(picked, [tridentZ5, nvme('NV3'), sata870]);
    expect(problems.map((p) => p.code)).toEqual(['memoryType']);
    expect(candidates.map((c) => [c.fits, c.reasons.map((r) => r.code)])).toEqual([
      [true, []],
      [false, ['m2Slots']],
      [true, []],
    ]);
  });

  it('blames a candidate only for clashes it takes part in', () => {
    const { candidates } = checkBuild(picks(i5_12400f, b650GamingPlus), [rtx4060]);
    expect(candidates[0]!.fits).toBe(true);
  });

  it('estimates base + CPU TDP + card power, and wants 30% headroom from the power supply', () => {
    const { estimatedWatts, recommendedPsuWatts, candidates } = checkBuild(
      picks(ryzen7800x3d, rtx4080Super),
      [pk550d, rm750e],
    );
    expect(estimatedWatts).toBe(75 + 120 + 320);
    expect(recommendedPsuWatts).toBe(670);
    expect(candidates.map((c) => c.fits)).toEqual([false, true]);
  });

  it('refuses nothing a part does not say (a part without the spec a rule needs)', () => {
    const bare = part('Unknown case', 'case', {});
    expect(checkBuild(picks(b650GamingPlus, rtx4070TiSuper, bare)).problems).toEqual([]);
  });
});
