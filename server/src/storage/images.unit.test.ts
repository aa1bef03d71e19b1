import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AppError } from '../http/errors';
import { phonePhoto, picture } from '../../test/pictures';
import { inspectImage, makeThumbnails } from './images';

const limits = { maxBytes: 8 * 1024 * 1024, maxPixels: 40_000_000 };

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('inspectImage', () => {
  it('re-encodes a PNG as WebP and hashes the bytes as uploaded', async () => {
    const png = await picture(300, 200).png().toBuffer();
    const image = await inspectImage(png, limits);
    expect(image).toMatchObject({ format: 'png', width: 300, height: 200 });
    expect(image.sha256).toBe(createHash('sha256').update(png).digest('hex'));
    expect((await sharp(image.webp).metadata()).format).toBe('webp');
  });

  it('accepts WebP too', async () => {
    const webp = await picture(50, 40).webp().toBuffer();
    expect(await inspectImage(webp, limits)).toMatchObject({ format: 'webp', width: 50, height: 40 });
  });

  it('turns a sideways phone photo upright and drops its EXIF, GPS position included', async () => {
    const jpeg = await phonePhoto(640, 480);
    const before = await sharp(jpeg).metadata();
    expect(before.orientation).toBe(6);
    expect(before.exif?.toString('latin1')).toContain('PhoneCo');

    const image = await inspectImage(jpeg, limits);
    expect(image).toMatchObject({ format: 'jpeg', width: 480, height: 640 });
    const after = await sharp(image.webp).metadata();
    expect(after.exif).toBeUndefined();
    expect(after.orientation).toBeUndefined();
    expect(after.xmp).toBeUndefined();
    expect(image.webp.toString('latin1')).not.toContain('PhoneCo');
  });

  it('refuses what is not a JPEG, PNG or WebP, whatever it is called, naming the field', async () => {
    const notPictures = [
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF'),
      Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'),
      Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'),
      await picture(20, 20).gif().toBuffer(),
      await picture(20, 20).tiff().toBuffer(),
      Buffer.alloc(0),
    ];
    for (const bytes of notPictures) {
      const error = await refusal(inspectImage(bytes, limits));
      expect(error.status).toBe(400);
      expect(error.fields).toEqual({ file: 'must be a JPEG, PNG or WebP picture' });
    }
  });

  it('refuses a file that starts like a PNG but is not one', async () => {
    const png = await picture(100, 100).png().toBuffer();
    for (const damaged of [
      png.subarray(0, 40),
      Buffer.concat([png.subarray(0, 8), Buffer.from('garbage')]),
    ]) {
      const error = await refusal(inspectImage(damaged, limits));
      expect(error.status).toBe(400);
      expect(Object.keys(error.fields ?? {})).toEqual(['file']);
    }
  });

  it('refuses too many bytes (413) and too many pixels (400) before decoding', async () => {
    const png = await picture(400, 300).png().toBuffer();
    const tooBig = await refusal(inspectImage(png, { maxBytes: png.length - 1, maxPixels: 1e9 }));
    expect(tooBig.status).toBe(413);
    expect(tooBig.fields).toHaveProperty('file');
    const tooManyPixels = await refusal(inspectImage(png, { maxBytes: 1e9, maxPixels: 400 * 300 - 1 }));
    expect(tooManyPixels.status).toBe(400);
    expect(tooManyPixels.fields?.file).toMatch(/megapixels/);
  });
});

describe('makeThumbnails', () => {
  it('makes one WebP per width, upright, without metadata', async () => {
    const thumbnails = await makeThumbnails(await phonePhoto(1600, 1200));
    expect(thumbnails.map((t) => [t.width, t.pixelWidth, t.pixelHeight])).toEqual([
      [160, 160, 213],
      [480, 480, 640],
      [960, 960, 1280],
    ]);
    for (const t of thumbnails) {
      const metadata = await sharp(t.webp).metadata();
      expect(metadata).toMatchObject({ format: 'webp', width: t.pixelWidth, height: t.pixelHeight });
      expect(metadata.exif).toBeUndefined();
    }
  });

  it('never enlarges a small picture', async () => {
    const thumbnails = await makeThumbnails(await picture(300, 150).png().toBuffer(), [160, 480]);
    expect(thumbnails.map((t) => [t.width, t.pixelWidth, t.pixelHeight])).toEqual([
      [160, 160, 80],
      [480, 300, 150],
    ]);
  });
});
