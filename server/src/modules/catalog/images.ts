import { productImageMaxBytes, type ProductDetail, type ProductImage } from '@shop/shared';
import type { Db } from '../../db/database';
import { inTransaction } from '../../db/transaction';
import { Invalid, NotFound } from '../../http/errors';
import { MAX_PICTURE_PIXELS, THUMBNAIL_WIDTHS, type Pictures } from '../../storage/images';
import type { FileStorage } from '../../storage/storage';
import { explainLimit, type IncomingUpload } from '../../storage/upload';
import { enforceLimits, type Limit } from '../accounts/rate-limit';
import { recordAudit, type Actor } from '../audit/audit';
import { recordChanges } from '../sync/change-log';
import { findImagesJson, findProductDetail, findProductPictures, lockProduct, setImagesJson } from './repo';
import { toProductDetail } from './present';

/**
 * Product pictures: uploaded once, stored as WebP in several widths under products/<productId>/, listed in the
 * product's images_json. Files are written before the database row that points at them and removed after the row
 * that pointed at them is gone, so a product never shows a picture that is not there.
 */

export const PRODUCT_IMAGE_LIMITS = { maxBytes: productImageMaxBytes, maxPixels: MAX_PICTURE_PIXELS };
export const MAX_IMAGES_PER_PRODUCT = 12;

/**
 * Pictures one catalog manager, and one address, may send in an hour: a long day of photographing new stock
 * (25 products × 12 pictures), while a stolen session cannot keep the decoders busy all day.
 */
export const productPictureLimits = (actor: Actor): Limit[] => [
  { bucket: `upload:picture:user:${actor.userId ?? 'unknown'}`, max: 300, windowMs: 60 * 60_000 },
  { bucket: `upload:picture:ip:${actor.ip ?? 'unknown'}`, max: 300, windowMs: 60 * 60_000 },
];

/** The width `url` points at; the smaller ones are thumbnails. */
const MAIN_WIDTH = 960;

export interface ProductPictureDeps {
  db: Db;
  storage: FileStorage;
  pictures: Pictures;
}

export async function addProductImage(
  { db, storage, pictures }: ProductPictureDeps,
  productId: string,
  upload: IncomingUpload<{ alt?: string }>,
  actor: Actor,
): Promise<ProductDetail> {
  // The product first and the file after: a picture for no product is refused before a byte of it is read.
  const product = await findProduct(db, productId);
  await enforceLimits(db, productPictureLimits(actor)).catch(
    explainLimit('You have sent as many pictures as the shop takes in an hour: please try again later'),
  );
  const { file, fields } = await upload.receive();
  if (!file) throw new Invalid('Choose a picture to upload', { file: 'required' });
  const image = await pictures.inspect(file.path, PRODUCT_IMAGE_LIMITS);
  // Named by its content: the same picture uploaded again (a retried upload) is the same image, and a name whose
  // bytes never change can be cached for good.
  const imageId = image.sha256.slice(0, 24);
  if (product.images.some((i) => i.id === imageId)) return productDetail(db, productId);
  checkRoomFor(product.images);
  const entry: ProductImage = {
    id: imageId,
    url: fileUrl(sizedKey(productId, imageId, MAIN_WIDTH)),
    alt: fields.alt || product.name,
    thumbnails: Object.fromEntries(
      THUMBNAIL_WIDTHS.filter((w) => w !== MAIN_WIDTH).map((w) => [
        w,
        fileUrl(sizedKey(productId, imageId, w)),
      ]),
    ),
  };
  const thumbnails = await pictures.thumbnails(file.path);
  try {
    await Promise.all([
      storage.put(originalKey(productId, imageId), image.webp, 'image/webp'),
      ...thumbnails.map((t) => storage.put(sizedKey(productId, imageId, t.width), t.webp, 'image/webp')),
    ]);
    await changeImages(db, productId, actor, 'product.image.add', (images) => {
      if (images.some((i) => i.id === imageId)) return null;
      checkRoomFor(images);
      return [...images, entry];
    });
  } catch (error) {
    // A concurrent upload of the same picture may have added it meanwhile: then these files are its files.
    const current = await findProduct(db, productId).catch(() => null);
    if (!current?.images.some((i) => i.id === imageId))
      await deleteFiles(storage, productId, imageId).catch(() => undefined);
    throw error;
  }
  return productDetail(db, productId);
}

export async function removeProductImage(
  db: Db,
  storage: FileStorage,
  productId: string,
  imageId: string,
  actor: Actor,
): Promise<ProductDetail> {
  await changeImages(db, productId, actor, 'product.image.remove', (images) => {
    if (!images.some((i) => i.id === imageId)) throw new NotFound('This product has no picture with this id');
    return images.filter((i) => i.id !== imageId);
  });
  // The picture is already gone from the product; a file that could not be removed only takes space.
  await deleteFiles(storage, productId, imageId).catch(() => undefined);
  return productDetail(db, productId);
}

/** Puts the product's pictures in the order of `imageIds`, which must name each of its pictures once. */
export async function orderProductImages(
  db: Db,
  productId: string,
  imageIds: string[],
  actor: Actor,
): Promise<ProductDetail> {
  await changeImages(db, productId, actor, 'product.image.order', (images) => {
    const byId = new Map(images.filter((i) => i.id).map((i) => [i.id!, i]));
    if (imageIds.length !== images.length || new Set(imageIds).size !== imageIds.length)
      throw new Invalid("Name each of the product's pictures once", { imageIds: 'every picture, once' });
    const after = imageIds.map((id) => byId.get(id));
    if (after.some((i) => !i)) throw new NotFound('This product has no picture with this id');
    return after.every((i, at) => i === images[at]) ? null : (after as ProductImage[]);
  });
  return productDetail(db, productId);
}

/**
 * One of a product's pictures, as a file: the back office reaches the server through /api/v1 only (its requests go
 * through the counter's core), so it cannot load /files/… itself. Only a picture the product lists is answered.
 */
export async function productImageFile(
  db: Db,
  storage: FileStorage,
  productId: string,
  imageId: string,
  width: number,
): Promise<{ contentType: string; body: Buffer; cache: 'private' }> {
  const product = await findProduct(db, productId);
  if (!product.images.some((i) => i.id === imageId))
    throw new NotFound('This product has no picture with this id');
  const file = await storage.get(sizedKey(productId, imageId, width));
  if (!file) throw new NotFound("This picture's file is missing");
  return { contentType: 'image/webp', body: file.body, cache: 'private' };
}

/**
 * Rewrites the product's picture list in one transaction with its audit row and change-feed entry. `change`
 * answers the new list, or null for no change (nothing is written). The first statement locks the product row (MySQL), so two uploads
 * to one product cannot both read the old list and lose one picture; SQLite transactions are serial anyway.
 */
async function changeImages(
  db: Db,
  productId: string,
  actor: Actor,
  action: string,
  change: (images: ProductImage[]) => ProductImage[] | null,
): Promise<void> {
  const work = inTransaction(db, async (tx) => {
    const now = Date.now();
    if (!(await lockProduct(tx, productId, now))) throw new NotFound('There is no product with this id');
    const before = JSON.parse(await findImagesJson(tx, productId)) as ProductImage[];
    const after = change(before);
    if (!after) throw new Unchanged();
    await setImagesJson(tx, productId, JSON.stringify(after));
    await recordAudit(
      tx,
      actor,
      {
        action,
        entity: 'product',
        entityId: productId,
        before: { images: before },
        after: { images: after },
      },
      now,
    );
    await recordChanges(tx, [{ entity: 'product', entityId: productId, operation: 'upsert' }], now);
  });
  await work.catch((error: unknown) => {
    if (!(error instanceof Unchanged)) throw error;
  });
}

/** Rolls back the row lock's updated_at when there is nothing to change. */
class Unchanged extends Error {}

function checkRoomFor(images: ProductImage[]): void {
  if (images.length >= MAX_IMAGES_PER_PRODUCT)
    throw new Invalid('This product has as many pictures as it can have', {
      file: `at most ${MAX_IMAGES_PER_PRODUCT} pictures per product: delete one first`,
    });
}

async function findProduct(db: Db, productId: string): Promise<{ name: string; images: ProductImage[] }> {
  const row = await findProductPictures(db, productId);
  if (!row) throw new NotFound('There is no product with this id');
  return { name: row.name, images: JSON.parse(row.images_json) as ProductImage[] };
}

async function productDetail(db: Db, productId: string): Promise<ProductDetail> {
  return toProductDetail((await findProductDetail(db, productId, { includeInactive: true }))!);
}

async function deleteFiles(storage: FileStorage, productId: string, imageId: string): Promise<void> {
  await Promise.all([
    storage.delete(originalKey(productId, imageId)),
    ...THUMBNAIL_WIDTHS.map((w) => storage.delete(sizedKey(productId, imageId, w))),
  ]);
}

// Product ids are ULIDs; storage keys are lower case.
const folder = (productId: string) => `products/${productId.toLowerCase()}`;
const originalKey = (productId: string, imageId: string) => `${folder(productId)}/${imageId}.webp`;
const sizedKey = (productId: string, imageId: string, width: number) =>
  `${folder(productId)}/${imageId}-${width}.webp`;
const fileUrl = (key: string) => `/files/${key}`;
