import { createHash } from 'node:crypto';
import fs from 'node:fs';
import sharp from 'sharp';
import { AppError, Invalid } from '../http/errors';
import { DecodeQueue } from './decode-queue';

/**
 * Pictures people upload (product photos, payment screenshots) are checked by their content, never by their name
 * or declared type, and re-encoded before anyone else sees them: what we serve is a WebP we made, with no EXIF
 * (phone photos carry the GPS position of the shop or the customer's home), in the orientation the camera meant.
 *
 * Everything that can be known from the file's first bytes and its header (size, format, pixel count) is checked
 * before any pixel is decoded and outside the decode queue, so a decompression bomb is refused at once even while
 * the decoders are busy; only what passes waits for a decoder.
 */

/** The bytes of a picture, or the path of a file holding them (an upload's temporary file). */
export type PictureInput = Buffer | string;

/**
 * The most pixels a picture may have: 25 MP. Enough for a 24 MP camera (6000 × 4000), a phone photo (12 MP, or its
 * 50 MP mode saved at the default size), a phone screenshot (1290 × 2796 is 3.6 MP) and a long scrolling screenshot
 * (1290 × 19,000). Decoded, 25 MP is 75-100 MB; the old 40 MP cap let 48 small PNGs take 54 s and a gigabyte.
 */
export const MAX_PICTURE_PIXELS = 25_000_000;

/** WebP pictures cannot be wider or taller than this: a longer one (a scrolling screenshot) is scaled to fit. */
const WEBP_MAX_SIDE = 16_383;

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

/** Decoding jobs of one process, at most a few at once (decode-queue.ts). */
export interface Pictures {
  inspect(input: PictureInput, limits: PictureLimits): Promise<InspectedImage>;
  thumbnails(input: PictureInput, widths?: readonly number[]): Promise<Thumbnail[]>;
}

export interface PictureLimits {
  maxBytes: number;
  maxPixels: number;
}

export function createPictures(settings: { decodesAtOnce: number }): Pictures {
  // libvips keeps recent operations and their pixels in a cache (50 MB by default); every upload is a different
  // picture decoded once, so it only holds memory.
  sharp.cache(false);
  const decoders = new DecodeQueue(settings.decodesAtOnce);
  return {
    inspect: (input, limits) => inspectImage(input, limits, decoders),
    thumbnails: (input, widths) => makeThumbnails(input, widths, decoders),
  };
}

/** Runs the job at once: for tools and tests that decode one picture at a time. */
const UNQUEUED: Pick<DecodeQueue, 'run'> = { run: (job) => job() };

export async function inspectImage(
  input: PictureInput,
  limits: PictureLimits,
  decoders: Pick<DecodeQueue, 'run'> = UNQUEUED,
): Promise<InspectedImage> {
  return inspect(input, limits, decoders).catch(cancelledWhenGone);
}

async function inspect(
  input: PictureInput,
  limits: PictureLimits,
  decoders: Pick<DecodeQueue, 'run'>,
): Promise<InspectedImage> {
  if ((await byteSize(input)) > limits.maxBytes) {
    throw new AppError('payload_too_large', 413, 'The picture is too large', {
      file: `must be at most ${formatBytes(limits.maxBytes)}`,
    });
  }
  // The first bytes decide which decoder may look at the file at all: libvips also reads SVG, TIFF, GIF, HEIF,
  // … and none of those is a photo we need to accept.
  const format = sniffFormat(await firstBytes(input));
  if (!format) throw new Invalid('This file is not a picture the shop accepts', { file: NOT_AN_IMAGE });
  // The header only: no pixel is decoded yet.
  const metadata = await sharp(input)
    .metadata()
    .catch(() => null);
  if (metadata?.format !== format || !metadata.width || !metadata.height)
    throw new Invalid('This picture cannot be read: it may be damaged', { file: NOT_AN_IMAGE });
  // Checked before decoding: a few kilobytes of PNG can claim billions of pixels.
  if (metadata.width * metadata.height > limits.maxPixels) {
    throw new Invalid('This picture has too many pixels', {
      file:
        `must have at most ${Math.floor(limits.maxPixels / 1e6)} megapixels ` +
        `(this one is ${metadata.width} × ${metadata.height}): send a smaller copy`,
    });
  }
  const { data, info } = await decoders
    .run(() =>
      decode(input, limits.maxPixels)
        .resize({ width: WEBP_MAX_SIDE, height: WEBP_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true }),
    )
    .catch(() => {
      throw new Invalid('This picture cannot be read: it may be damaged', { file: NOT_AN_IMAGE });
    });
  return { sha256: await sha256Of(input), width: info.width, height: info.height, format, webp: data };
}

/**
 * Smaller WebP copies for product cards and pages, from a picture `inspectImage` accepted. The picture is decoded
 * once, scaled to the largest width; the smaller ones are made from that (a JPEG is even decoded at a reduced size).
 */
export async function makeThumbnails(
  input: PictureInput,
  widths: readonly number[] = THUMBNAIL_WIDTHS,
  decoders: Pick<DecodeQueue, 'run'> = UNQUEUED,
): Promise<Thumbnail[]> {
  const made = decoders.run(async () => {
    // Still there after waiting its turn? (sharp words a missing file its own way.)
    await byteSize(input);
    const largest = await decode(input)
      .resize(fitWidth(Math.max(...widths)))
      .raw()
      .toBuffer({ resolveWithObject: true });
    const { width, height, channels } = largest.info;
    const thumbnails: Thumbnail[] = [];
    // One after the other: a job takes one thread of the pool, as the queue counts it.
    for (const w of widths) {
      const { data, info } = await sharp(largest.data, { raw: { width, height, channels } })
        .resize(fitWidth(w))
        .webp({ quality: WEBP_QUALITY })
        .toBuffer({ resolveWithObject: true });
      thumbnails.push({ width: w, webp: data, pixelWidth: info.width, pixelHeight: info.height });
    }
    return thumbnails;
  });
  return made.catch(cancelledWhenGone);
}

/**
 * An upload's temporary file is removed when its sender goes away, maybe while the picture waited for a decoder:
 * nobody is left to answer, and it is no fault of the server's to log.
 */
function cancelledWhenGone(error: unknown): never {
  if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Invalid('The upload was cancelled');
  throw error;
}

const fitWidth = (width: number) =>
  ({ width, height: WEBP_MAX_SIDE, fit: 'inside', withoutEnlargement: true }) as const;

/** Metadata is dropped unless asked for (sharp's default); orientation is applied to the pixels first. */
function decode(input: PictureInput, maxPixels?: number) {
  return sharp(input, { failOn: 'error', ...(maxPixels && { limitInputPixels: maxPixels }) }).autoOrient();
}

async function byteSize(input: PictureInput): Promise<number> {
  return typeof input === 'string' ? (await fs.promises.stat(input)).size : input.length;
}

async function firstBytes(input: PictureInput): Promise<Buffer> {
  if (typeof input !== 'string') return input.subarray(0, 12);
  const handle = await fs.promises.open(input, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(12), 0, 12, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

async function sha256Of(input: PictureInput): Promise<string> {
  const hash = createHash('sha256');
  if (typeof input === 'string')
    for await (const chunk of fs.createReadStream(input)) hash.update(chunk as Buffer);
  else hash.update(input);
  return hash.digest('hex');
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
