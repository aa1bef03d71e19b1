import { MAX_PHOTOS_PER_CLAIM, claimPhotoMaxBytes, type FileAnswer, type StaffClaim } from '@shop/shared';
import type { Db } from '../../db/database';
import { newId } from '../../db/ids';
import { inTransaction } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { MAX_PICTURE_PIXELS, type Pictures } from '../../storage/images';
import type { FileStorage } from '../../storage/storage';
import type { IncomingUpload } from '../../storage/upload';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import { claimPhotos, findClaim, insertClaimPhoto } from './repo';
import { staffClaim } from './service';

/**
 * Photos of a unit as it was taken in (a scratch, a cracked screen): what the shop and the customer agree it looked
 * like. Decoded and re-encoded as WebP without metadata, stored under claims/ (never served publicly) and shown only
 * to staff and the claim's customer.
 */
export interface PhotoDeps {
  db: Db;
  storage: FileStorage;
  pictures: Pictures;
}

const photoKey = (claimId: string, photoId: string) =>
  `claims/${claimId.toLowerCase()}/${photoId.toLowerCase()}.webp`;

export async function uploadClaimPhoto(
  { db, storage, pictures }: PhotoDeps,
  claimId: string,
  upload: IncomingUpload<undefined>,
  actor: Actor,
): Promise<StaffClaim> {
  // The claim first and the file after: nothing is read for a claim that does not exist or is full.
  await roomForPhoto(db, claimId);
  const { file } = await upload.receive();
  if (!file) throw new Invalid('Choose a photo to upload', { file: 'required' });
  const image = await pictures.inspect(file.path, {
    maxBytes: claimPhotoMaxBytes,
    maxPixels: MAX_PICTURE_PIXELS,
  });
  const id = newId();
  const key = photoKey(claimId, id);
  // The file first, then the row that points at it: a photo listed always has its picture.
  await storage.put(key, image.webp, 'image/webp');
  try {
    await inTransaction(db, async (tx) => {
      await roomForPhoto(tx, claimId);
      const now = Date.now();
      await insertClaimPhoto(tx, {
        id,
        claim_id: claimId,
        storage_key: key,
        uploaded_by: actor.userId,
        created_at: now,
      });
      await recordAudit(
        tx,
        actor,
        {
          action: 'claim.photo',
          entity: 'warranty_claim',
          entityId: claimId,
          after: { photoId: id, sha256: image.sha256 },
        },
        now,
      );
    });
  } catch (error) {
    await storage.delete(key).catch(() => undefined);
    throw error;
  }
  return staffClaim(db, claimId);
}

async function roomForPhoto(db: Parameters<typeof findClaim>[0], claimId: string): Promise<void> {
  if (!(await findClaim(db, claimId))) throw new NotFound('There is no claim with this id');
  if ((await claimPhotos(db, claimId)).length >= MAX_PHOTOS_PER_CLAIM)
    throw new Conflict(`A claim keeps at most ${MAX_PHOTOS_PER_CLAIM} photos`, { file: 'too many photos' });
}

/** A photo for staff or the claim's customer; anyone else gets "not found", as ids reveal nothing. */
export async function claimPhoto(
  { db, storage }: PhotoDeps,
  claimId: string,
  photoId: string,
  user: SignedInUser,
): Promise<FileAnswer> {
  const claim = await findClaim(db, claimId);
  if (!claim || (user.role === 'customer' && claim.user_id !== user.id))
    throw new NotFound('There is no such photo');
  const photo = (await claimPhotos(db, claimId)).find((p) => p.id === photoId);
  const file = photo && (await storage.get(photo.storage_key));
  if (!file) throw new NotFound('There is no such photo');
  return {
    contentType: 'image/webp',
    body: file.body,
    fileName: `${claim.number}-${photoId}.webp`,
    cache: 'private',
  };
}
