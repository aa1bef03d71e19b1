import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { AppError, Invalid } from '../http/errors';

/**
 * Pictures people upload (product photos, payment screenshots) are checked by their content, never by their name
 * or declared type, and re-encoded before anyone else sees them: what we serve is a WebP we made, with no EXIF
 * (phone photos carry the GPS position of the shop or the customer's home), in the orientation the camera meant.
 */

export type ImageFormat = 'jpeg' | 'png' | 'webp';

export interface InspectedImage {
  /** Hex SHA-256 of the bytes as uploaded: the same file uploaded twice has the same hash. */
  sha256: string;
  /** Of the re-encoded picture, after orientation. */
  width: number;
  height: number;
  /** What the upload really was. */
  format: ImageFormat;
  /** The picture at full size as WebP, without metadata. */
  webp: Buffer;
}

export interface Thumbnail {
  /** The size it was made for (e.g. 480): names the file. */
  width: number;
  webp: Buffer;
  /** What it really is: never wider than the original, which is not enlarged. */
  pixelWidth: number;
  pixelHeight: number;
}

export const WEBP_QUALITY = 82;
export const THUMBNAIL_WIDTHS = [160, 480, 960] as const;

const NOT_AN_IMAGE = 'must be a JPEG, PNG or WebP picture';

export async function inspectImage(
  buffer: Buffer,
  limits: { maxBytes: number; maxPixels: number },
): Promise<InspectedImage> {
  if (buffer.length > limits.maxBytes) {
    throw new AppError('payload_too_large', 413, 'The picture is too large', {
      file: `must be at most ${formatBytes(limits.maxBytes)}`,
    });
  }
  // The first bytes decide which decoder may look at the file at all: libvips also reads SVG, TIFF, GIF, HEIF,
  // … and none of those is a photo we need to accept.
  const format = sniffFormat(buffer);
  if (!format) throw new Invalid('This file is not a picture the shop accepts', { file: NOT_AN_IMAGE });
  const metadata = await sharp(buffer)
    .metadata()
    .catch(() => null);
  if (metadata?.format !== format || !metadata.width || !metadata.height)
    throw new Invalid('This picture cannot be read: it may be damaged', { file: NOT_AN_IMAGE });
  // Checked before decoding: a few kilobytes of PNG can claim billions of pixels.
  if (metadata.width * metadata.height > limits.maxPixels) {
    throw new Invalid('This picture has too many pixels', {
      file: `must have at most ${Math.floor(limits.maxPixels / 1e6)} megapixels`,
    });
  }
  const { data, info } = await decode(buffer, limits.maxPixels)
    .webp({ quality: WEBP_QUALITY })
    .toBuffer({ resolveWithObject: true })
    .catch(() => {
      throw new Invalid('This picture cannot be read: it may be damaged', { file: NOT_AN_IMAGE });
    });
  return {
    sha256: createHash('sha256').update(buffer).digest('hex'),
    width: info.width,
    height: info.height,
    format,
    webp: data,
  };
}

/** Smaller WebP copies for product cards and pages, from a picture `inspectImage` accepted. */
export async function makeThumbnails(
  buffer: Buffer,
  widths: readonly number[] = THUMBNAIL_WIDTHS,
): Promise<Thumbnail[]> {
  return Promise.all(
    widths.map(async (width) => {
      const { data, info } = await decode(buffer)
        .resize({ width, withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
      return { width, webp: data, pixelWidth: info.width, pixelHeight: info.height };
    }),
  );
}

/** Metadata is dropped unless asked for (sharp's default); orientation is applied to the pixels first. */
function decode(buffer: Buffer, maxPixels?: number) {
  return sharp(buffer, { failOn: 'error', ...(maxPixels && { limitInputPixels: maxPixels }) }).autoOrient();
}

function sniffFormat(bytes: Buffer): ImageFormat | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (bytes.subarray(0, 8).equals(PNG_SIGNATURE)) return 'png';
  if (bytes.toString('latin1', 0, 4) === 'RIFF' && bytes.toString('latin1', 8, 12) === 'WEBP') return 'webp';
  return null;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}
