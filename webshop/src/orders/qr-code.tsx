import { create } from 'qrcode';
import { useMemo } from 'react';

/** Blank modules around the code: scanners need a quiet zone to find it. */
export const QUIET_ZONE = 2;

/**
 * A QR code drawn as one SVG path: sharp at any size and on any screen density, with no canvas and no picture to
 * download. Error correction Q (25 %) leaves room for the currency mark in the middle of a KHQR.
 */
export function QrCode({ value, label, className }: { value: string; label: string; className?: string }) {
  const { size, path } = useMemo(() => qrPath(value), [value]);
  const box = size + QUIET_ZONE * 2;
  return (
    <svg
      role="img"
      aria-label={label}
      viewBox={`${-QUIET_ZONE} ${-QUIET_ZONE} ${box} ${box}`}
      shapeRendering="crispEdges"
      className={className}
    >
      <rect x={-QUIET_ZONE} y={-QUIET_ZONE} width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

/** The code's modules (true: dark), row by row, at the error correction a KHQR with its currency mark needs. */
export function qrModules(value: string): { size: number; data: ArrayLike<boolean | number> } {
  const { size, data } = create(value, { errorCorrectionLevel: 'Q' }).modules;
  return { size, data };
}

/** Dark modules as horizontal runs, one subpath each: a few kilobytes of path for the largest KHQR. */
function qrPath(value: string): { size: number; path: string } {
  const { size, data } = qrModules(value);
  const parts: string[] = [];
  for (let y = 0; y < size; y++) {
    let x = 0;
    while (x < size) {
      if (!data[y * size + x]) {
        x++;
        continue;
      }
      const start = x;
      while (x < size && data[y * size + x]) x++;
      parts.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  }
  return { size, path: parts.join('') };
}
