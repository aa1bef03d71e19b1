/**
 * Flat product illustrations for the demo catalog: a self-contained 800×800 SVG per product picturing its category
 * (a chip for CPUs, a card with fans for graphics cards, …) on a soft gradient whose hue comes from the SKU, with the
 * brand and a shortened product name at the bottom. Pure and deterministic; no external fonts, images or links.
 */

export interface ProductImageInput {
  name: string;
  brand: string;
  category: string;
  sku: string;
}

const DARK = '#262b35';
const DARKER = '#181c23';
const MID = '#3d4454';
const METAL = '#c9ced6';
const METAL_DARK = '#8e96a3';
const GOLD = '#d6a63c';
const FONT = 'system-ui, sans-serif';

/** FNV-1a, 32 bit. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** HSL (degrees, 0–100, 0–100) → "#rrggbb"; SVG 1.1 renderers do not all understand hsl(). */
function hsl(h: number, s: number, l: number): string {
  const hue = ((h % 360) + 360) % 360;
  const sat = s / 100;
  const light = l / 100;
  const a = sat * Math.min(light, 1 - light);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const v = light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(v * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;',
  );
}

/** Drops a leading brand and cuts at a word boundary: "Samsung 990 PRO 1TB PCIe 4.0 …" → "990 PRO 1TB PCIe 4.0 NVMe M.2…". */
function shortName(name: string, brand: string, max = 34): string {
  let text = name.trim();
  if (brand && text.toLowerCase().startsWith(brand.toLowerCase() + ' ')) text = text.slice(brand.length + 1);
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1);
  const space = cut.lastIndexOf(' ');
  return (space > max / 2 ? cut.slice(0, space) : cut.slice(0, max)).replace(/[\s,(–-]+$/, '') + '…';
}

interface Palette {
  accent: string;
  accentDark: string;
  accentLight: string;
  id: string;
}

const shadow = (cx: number, cy: number, rx: number) =>
  `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="16" fill="#000" opacity=".12"/>`;

/** A fan centred at the origin: dark disc, seven curved blades and a hub. */
function fanDef(p: Palette, id: string): string {
  const blades = Array.from(
    { length: 7 },
    (_, i) =>
      `<path d="M0-20C30-30 62-46 74-30 52-20 30-8 0 0Z" fill="${MID}" transform="rotate(${i * (360 / 7)})"/>`,
  ).join('');
  return `<g id="${id}"><circle r="88" fill="${DARKER}"/>${blades}<circle r="88" fill="none" stroke="${MID}" stroke-width="4"/><circle r="24" fill="${p.accent}"/></g>`;
}

function cpu(p: Palette): string {
  const pins = (x1: number, y1: number, x2: number, y2: number) =>
    `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="${METAL}" stroke-width="36" stroke-dasharray="18 17"/>`;
  return (
    shadow(400, 585, 200) +
    pins(244, 148, 560, 148) +
    pins(244, 512, 560, 512) +
    pins(218, 174, 218, 490) +
    pins(582, 174, 582, 490) +
    `<rect x="230" y="160" width="340" height="340" rx="26" fill="${DARK}"/>` +
    `<rect x="285" y="215" width="230" height="230" rx="16" fill="url(#g${p.id})"/>` +
    `<rect x="310" y="240" width="180" height="180" rx="10" fill="none" stroke="#fff" stroke-opacity=".35" stroke-width="4"/>` +
    `<circle cx="262" cy="470" r="10" fill="${METAL}"/>`
  );
}

function motherboard(p: Palette): string {
  const slots = [452, 478, 504, 530]
    .map((x) => `<rect x="${x}" y="130" width="16" height="230" rx="3" fill="${DARKER}"/>`)
    .join('');
  const holes = [
    [192, 132],
    [608, 132],
    [192, 548],
    [608, 548],
  ]
    .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="8" fill="${METAL_DARK}"/>`)
    .join('');
  return (
    shadow(400, 595, 230) +
    `<rect x="170" y="110" width="460" height="460" rx="14" fill="${DARK}"/>` +
    `<path d="M250 380h180v60h120M300 350v-40M560 400v110" stroke="${p.accent}" stroke-opacity=".35" stroke-width="4" fill="none"/>` +
    `<rect x="190" y="150" width="48" height="200" rx="8" fill="url(#g${p.id})"/>` +
    `<rect x="262" y="126" width="160" height="40" rx="8" fill="url(#g${p.id})"/>` +
    `<rect x="268" y="186" width="150" height="150" rx="8" fill="${METAL}"/>` +
    `<rect x="292" y="210" width="102" height="102" rx="4" fill="${METAL_DARK}"/>` +
    slots +
    `<rect x="200" y="400" width="320" height="18" rx="4" fill="${DARKER}"/><rect x="200" y="400" width="320" height="18" rx="4" fill="none" stroke="${METAL}" stroke-width="3"/>` +
    `<rect x="215" y="446" width="240" height="26" rx="6" fill="url(#g${p.id})"/>` +
    `<rect x="200" y="500" width="220" height="16" rx="4" fill="${DARKER}"/>` +
    `<rect x="500" y="440" width="90" height="90" rx="12" fill="url(#g${p.id})"/>` +
    holes
  );
}

function memory(p: Palette): string {
  const stick = (dx: number, dy: number, opacity: string) =>
    `<g transform="translate(${dx} ${dy})"${opacity}>` +
    `<path d="M120 250H680V430H412V410H396V430H120Z" fill="#1f6b45"/>` +
    `<line x1="132" y1="418" x2="668" y2="418" stroke="${GOLD}" stroke-width="22" stroke-dasharray="8 4"/>` +
    `<rect x="130" y="236" width="540" height="160" rx="12" fill="url(#g${p.id})"/>` +
    `<path d="M130 300H300L330 330H670" stroke="#fff" stroke-opacity=".35" stroke-width="6" fill="none"/>` +
    `<rect x="130" y="220" width="540" height="20" rx="8" fill="${p.accentLight}"/>` +
    `<rect x="180" y="345" width="170" height="28" rx="6" fill="#fff" opacity=".85"/>` +
    `</g>`;
  return shadow(400, 470, 290) + stick(24, -60, ' opacity=".9"') + stick(0, 0, '');
}

function ssd(p: Palette, name: string): string {
  if (/2\.5"|SATA SSD|Portable/i.test(name)) {
    return (
      shadow(400, 560, 220) +
      `<rect x="210" y="150" width="380" height="390" rx="${/Portable/i.test(name) ? 48 : 16}" fill="${DARK}"/>` +
      `<rect x="240" y="180" width="320" height="240" rx="10" fill="url(#g${p.id})"/>` +
      `<rect x="270" y="215" width="150" height="26" rx="6" fill="#fff" opacity=".9"/>` +
      `<rect x="270" y="258" width="220" height="14" rx="6" fill="#fff" opacity=".5"/>` +
      `<rect x="270" y="284" width="180" height="14" rx="6" fill="#fff" opacity=".5"/>` +
      `<rect x="240" y="450" width="320" height="60" rx="10" fill="${MID}"/>`
    );
  }
  return (
    shadow(400, 470, 290) +
    `<path d="M150 280H672V340A20 20 0 0 0 672 380V440H150Z" fill="${DARKER}"/>` +
    `<circle cx="676" cy="360" r="15" fill="${METAL_DARK}"/>` +
    `<path d="M140 292V346M140 362V428" stroke="${GOLD}" stroke-width="36" stroke-dasharray="7 3"/>` +
    `<rect x="190" y="296" width="420" height="128" rx="8" fill="url(#g${p.id})"/>` +
    `<rect x="215" y="318" width="170" height="26" rx="6" fill="#fff" opacity=".9"/>` +
    `<rect x="215" y="360" width="300" height="12" rx="6" fill="#fff" opacity=".5"/>` +
    `<rect x="215" y="384" width="220" height="12" rx="6" fill="#fff" opacity=".5"/>`
  );
}

function hardDrive(p: Palette): string {
  return (
    shadow(400, 585, 220) +
    `<rect x="200" y="110" width="400" height="460" rx="26" fill="url(#m${p.id})"/>` +
    `<circle cx="400" cy="300" r="160" fill="#eef0f3" stroke="${METAL_DARK}" stroke-width="4"/>` +
    `<circle cx="400" cy="300" r="110" fill="none" stroke="#d6dae0" stroke-width="3"/>` +
    `<circle cx="400" cy="300" r="70" fill="none" stroke="#d6dae0" stroke-width="3"/>` +
    `<circle cx="400" cy="300" r="34" fill="${METAL_DARK}"/>` +
    `<circle cx="530" cy="475" r="32" fill="${MID}"/>` +
    `<path d="M530 475L432 250" stroke="${MID}" stroke-width="18" stroke-linecap="round"/>` +
    `<rect x="230" y="500" width="200" height="40" rx="8" fill="url(#g${p.id})"/>` +
    [
      [226, 136],
      [574, 136],
      [226, 544],
      [574, 544],
    ]
      .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="9" fill="${METAL_DARK}"/>`)
      .join('')
  );
}

function gpuCard(p: Palette, name: string): string {
  const fans = /Dual|2X|Twin|PULSE|Hellhound|Limited|WINDFORCE OC 8G/i.test(name)
    ? [290, 530]
    : [220, 410, 600];
  return (
    shadow(400, 500, 300) +
    `<defs>${fanDef(p, `f${p.id}`)}</defs>` +
    `<rect x="92" y="176" width="26" height="270" rx="4" fill="${METAL}"/>` +
    `<rect x="240" y="430" width="210" height="30" rx="4" fill="${GOLD}"/>` +
    `<line x1="246" y1="445" x2="444" y2="445" stroke="#b0842a" stroke-width="26" stroke-dasharray="3 5"/>` +
    `<rect x="112" y="186" width="600" height="250" rx="26" fill="${DARK}"/>` +
    `<path d="M112 214a28 28 0 0 1 28-28h544a28 28 0 0 1 28 28v6H112Z" fill="url(#g${p.id})"/>` +
    fans.map((x) => `<use href="#f${p.id}" x="${x}" y="318"/>`).join('')
  );
}

function psu(p: Palette): string {
  const holes = [
    [220, 190],
    [580, 190],
    [220, 490],
    [580, 490],
  ]
    .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="8" fill="${METAL_DARK}"/>`)
    .join('');
  return (
    shadow(400, 545, 230) +
    `<rect x="190" y="160" width="420" height="360" rx="24" fill="${DARK}"/>` +
    `<rect x="190" y="476" width="420" height="44" rx="0" fill="url(#g${p.id})"/>` +
    `<rect x="190" y="160" width="420" height="360" rx="24" fill="none" stroke="${MID}" stroke-width="6"/>` +
    `<circle cx="400" cy="320" r="140" fill="${DARKER}"/>` +
    [128, 104, 80, 56]
      .map((r) => `<circle cx="400" cy="320" r="${r}" fill="none" stroke="${METAL_DARK}" stroke-width="6"/>`)
      .join('') +
    `<path d="M260 320H540M400 180V460" stroke="${METAL_DARK}" stroke-width="6"/>` +
    `<circle cx="400" cy="320" r="30" fill="${p.accent}"/>` +
    holes
  );
}

function pcCase(p: Palette): string {
  return (
    shadow(400, 590, 190) +
    `<rect x="250" y="100" width="300" height="470" rx="20" fill="${DARK}"/>` +
    `<rect x="270" y="125" width="210" height="420" rx="10" fill="url(#g${p.id})" opacity=".85"/>` +
    `<rect x="290" y="150" width="150" height="170" rx="6" fill="${DARKER}" opacity=".55"/>` +
    `<rect x="290" y="350" width="170" height="34" rx="6" fill="${DARKER}" opacity=".8"/>` +
    `<rect x="290" y="470" width="170" height="56" rx="6" fill="${DARKER}" opacity=".6"/>` +
    `<path d="M300 545L480 200V280L340 545Z" fill="#fff" opacity=".18"/>` +
    [190, 300, 410]
      .map(
        (y) =>
          `<circle cx="515" cy="${y}" r="22" fill="none" stroke="${p.accentLight}" stroke-width="6"/><circle cx="515" cy="${y}" r="6" fill="${p.accentLight}"/>`,
      )
      .join('') +
    `<rect x="270" y="570" width="40" height="12" rx="4" fill="${DARKER}"/><rect x="490" y="570" width="40" height="12" rx="4" fill="${DARKER}"/>`
  );
}

function monitor(p: Palette): string {
  return (
    shadow(400, 548, 150) +
    `<rect x="375" y="440" width="50" height="90" fill="${MID}"/>` +
    `<rect x="290" y="520" width="220" height="24" rx="12" fill="${DARK}"/>` +
    `<rect x="110" y="100" width="580" height="350" rx="18" fill="${DARKER}"/>` +
    `<rect x="126" y="116" width="548" height="304" rx="6" fill="url(#g${p.id})"/>` +
    `<path d="M126 360C240 290 330 330 420 290S580 230 674 270V420H126Z" fill="${p.accentDark}" opacity=".55"/>` +
    `<path d="M126 390C260 340 380 380 480 340S620 320 674 330V420H126Z" fill="${p.accentDark}" opacity=".7"/>` +
    `<circle cx="560" cy="190" r="34" fill="#fff" opacity=".75"/>`
  );
}

function laptop(p: Palette, gaming: boolean): string {
  const deck = gaming ? DARK : METAL;
  const keys = gaming ? p.accentLight : '#8a919d';
  const rows = [
    [230, 570, 420],
    [214, 586, 446],
    [198, 602, 472],
  ]
    .map(
      ([x1, x2, y]) =>
        `<line x1="${x1}" y1="${y}" x2="${x2}" y2="${y}" stroke="${keys}" stroke-width="16" stroke-dasharray="24 6"${gaming ? ' opacity=".8"' : ''}/>`,
    )
    .join('');
  return (
    shadow(400, 560, 310) +
    `<rect x="180" y="100" width="440" height="300" rx="16" fill="${DARKER}"/>` +
    `<rect x="196" y="116" width="408" height="262" rx="4" fill="url(#g${p.id})"/>` +
    `<path d="M196 330C290 280 380 320 460 290S560 250 604 262V378H196Z" fill="${p.accentDark}" opacity=".55"/>` +
    `<path d="M180 400H620L710 530H90Z" fill="${deck}"/>` +
    `<path d="M90 530H710V540A12 12 0 0 1 698 552H102A12 12 0 0 1 90 540Z" fill="${gaming ? DARKER : METAL_DARK}"/>` +
    rows +
    `<rect x="335" y="488" width="130" height="30" rx="5" fill="${gaming ? MID : '#b3b9c3'}"/>`
  );
}

function keyboardMouse(p: Palette): string {
  const rows = [338, 376, 414, 452]
    .map(
      (y, i) =>
        `<line x1="${112 + i * 8}" y1="${y}" x2="${548 - i * 6}" y2="${y}" stroke="${MID}" stroke-width="28" stroke-dasharray="32 6"/>`,
    )
    .join('');
  return (
    shadow(360, 530, 300) +
    `<rect x="90" y="300" width="480" height="210" rx="20" fill="${DARK}"/>` +
    rows +
    `<rect x="220" y="474" width="220" height="24" rx="5" fill="${MID}"/>` +
    `<rect x="110" y="500" width="440" height="6" rx="3" fill="${p.accent}"/>` +
    `<path d="M670 290C670 220 720 190 720 130" stroke="${DARK}" stroke-width="8" fill="none" stroke-linecap="round"/>` +
    `<rect x="610" y="290" width="120" height="200" rx="60" fill="url(#g${p.id})"/>` +
    `<path d="M670 290V370M610 370H730" stroke="${p.accentDark}" stroke-width="5"/>` +
    `<rect x="662" y="316" width="16" height="34" rx="8" fill="${DARK}"/>`
  );
}

function networking(p: Palette, name: string): string {
  const wifi =
    `<path d="M320 210a110 110 0 0 1 160 0M345 240a72 72 0 0 1 110 0M370 268a36 36 0 0 1 60 0" stroke="${p.accent}" stroke-width="14" fill="none" stroke-linecap="round"/>` +
    `<circle cx="400" cy="294" r="10" fill="${p.accent}"/>`;
  if (/Switch|Gateway/i.test(name)) {
    const ports = Array.from(
      { length: 8 },
      (_, i) =>
        `<rect x="${180 + i * 56}" y="340" width="40" height="34" rx="4" fill="${DARKER}"/><circle cx="${200 + i * 56}" cy="395" r="5" fill="${i % 3 === 2 ? '#f5b642' : '#4ade80'}"/>`,
    ).join('');
    return (
      shadow(400, 450, 290) +
      `<rect x="130" y="300" width="540" height="130" rx="16" fill="url(#m${p.id})"/>` +
      `<rect x="130" y="300" width="540" height="20" rx="10" fill="url(#g${p.id})"/>` +
      ports
    );
  }
  if (/Access Point/i.test(name)) {
    return (
      shadow(400, 520, 200) +
      wifi +
      `<ellipse cx="400" cy="440" rx="200" ry="64" fill="${METAL}"/>` +
      `<ellipse cx="400" cy="420" rx="200" ry="64" fill="#f4f5f7"/>` +
      `<ellipse cx="400" cy="420" rx="60" ry="18" fill="none" stroke="${p.accent}" stroke-width="8"/>`
    );
  }
  const antennas = [200, 300, 500, 600]
    .map(
      (x, i) =>
        `<rect x="${x - 12}" y="150" width="24" height="220" rx="12" fill="${DARKER}" transform="rotate(${(i - 1.5) * 9} ${x} 370)"/>`,
    )
    .join('');
  const leds = Array.from(
    { length: 6 },
    (_, i) => `<circle cx="${290 + i * 44}" cy="445" r="7" fill="${i === 0 ? p.accentLight : '#4ade80'}"/>`,
  ).join('');
  return (
    shadow(400, 505, 270) +
    antennas +
    wifi +
    `<rect x="150" y="350" width="500" height="140" rx="34" fill="${DARK}"/>` +
    `<path d="M184 350H616A34 34 0 0 1 650 384V400H150V384A34 34 0 0 1 184 350Z" fill="url(#g${p.id})"/>` +
    leds
  );
}

function accessory(p: Palette, name: string): string {
  if (/Fan|Cooler|Freezer|Liquid/i.test(name)) {
    return (
      shadow(400, 560, 210) +
      `<defs>${fanDef(p, `f${p.id}`)}</defs>` +
      `<rect x="200" y="130" width="400" height="400" rx="40" fill="${DARK}"/>` +
      `<circle cx="400" cy="330" r="178" fill="url(#g${p.id})"/>` +
      `<use href="#f${p.id}" transform="translate(400 330) scale(1.9)"/>` +
      [
        [235, 165],
        [565, 165],
        [235, 495],
        [565, 495],
      ]
        .map(([x, y]) => `<circle cx="${x}" cy="${y}" r="12" fill="${METAL_DARK}"/>`)
        .join('')
    );
  }
  const plug = (x: number, y: number, up: boolean) =>
    `<rect x="${x - 28}" y="${up ? y - 96 : y}" width="56" height="96" rx="14" fill="url(#g${p.id})"/>` +
    `<rect x="${x - 18}" y="${up ? y - 136 : y + 92}" width="36" height="44" rx="8" fill="${METAL}"/>` +
    `<rect x="${x - 10}" y="${up ? y - 128 : y + 106}" width="20" height="20" rx="4" fill="${METAL_DARK}"/>`;
  return (
    shadow(400, 600, 230) +
    `<path d="M220 450C220 250 580 460 580 260" stroke="${DARK}" stroke-width="24" fill="none" stroke-linecap="round"/>` +
    plug(220, 450, false) +
    plug(580, 260, true)
  );
}

function genericBox(p: Palette): string {
  return (
    shadow(400, 560, 200) +
    `<path d="M400 130L610 230V450L400 550L190 450V230Z" fill="url(#g${p.id})"/>` +
    `<path d="M190 230L400 330L610 230M400 330V550" stroke="#fff" stroke-opacity=".6" stroke-width="8" fill="none"/>`
  );
}

function illustration(category: string, name: string, p: Palette): string {
  switch (category) {
    case 'cpus':
      return cpu(p);
    case 'motherboards':
      return motherboard(p);
    case 'memory':
      return memory(p);
    case 'ssds':
      return ssd(p, name);
    case 'hard-drives':
      return hardDrive(p);
    case 'graphics-cards':
      return gpuCard(p, name);
    case 'power-supplies':
      return psu(p);
    case 'cases':
      return pcCase(p);
    case 'monitors':
      return monitor(p);
    case 'laptops':
    case 'business-laptops':
      return laptop(p, false);
    case 'gaming-laptops':
      return laptop(p, true);
    case 'keyboards-mice':
      return keyboardMouse(p);
    case 'networking':
      return networking(p, name);
    case 'accessories':
      return accessory(p, name);
    default:
      return genericBox(p);
  }
}

export function productImageSvg(input: {
  name: string;
  brand: string;
  category: string;
  sku: string;
}): string {
  const h = hash(input.sku);
  const hue = h % 360;
  const p: Palette = {
    accent: hsl(hue, 62, 50),
    accentDark: hsl(hue, 55, 32),
    accentLight: hsl(hue, 80, 72),
    id: h.toString(36),
  };
  const title = escapeXml(input.name);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800" role="img" aria-label="${title}">` +
    `<title>${title}</title>` +
    `<defs>` +
    `<linearGradient id="b${p.id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${hsl(hue, 70, 96)}"/><stop offset="1" stop-color="${hsl(hue + 25, 60, 84)}"/></linearGradient>` +
    `<linearGradient id="g${p.id}" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.accentLight}"/><stop offset="1" stop-color="${p.accent}"/></linearGradient>` +
    `<linearGradient id="m${p.id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#e3e6eb"/><stop offset="1" stop-color="#aeb5bf"/></linearGradient>` +
    `</defs>` +
    `<rect width="800" height="800" fill="url(#b${p.id})"/>` +
    illustration(input.category, input.name, p) +
    `<text x="400" y="672" text-anchor="middle" font-family="${FONT}" font-size="44" font-weight="700" fill="#1e232d">${escapeXml(input.brand)}</text>` +
    `<text x="400" y="724" text-anchor="middle" font-family="${FONT}" font-size="30" fill="#4a5160">${escapeXml(shortName(input.name, input.brand))}</text>` +
    `</svg>`
  );
}

/** "CPU-INT-14700K" → "cpu-int-14700k.svg". */
export function svgFileName(sku: string): string {
  const base = sku
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${base || 'product'}.svg`;
}
