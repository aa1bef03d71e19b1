import type { StorageConfig } from '../config';
import { DiskStorage } from './disk';
import { S3Storage } from './s3';

/**
 * Where the shop keeps files: product pictures (`products/<productId>/<imageId>-480.webp`) and payment proofs
 * (`proofs/<orderId>/<proofId>.webp`). A strategy with two drivers, picked once from the configuration: a folder
 * on this machine (the embedded default) or an S3-compatible bucket (several servers behind a load balancer).
 */
export interface FileStorage {
  /** Stores the file under the key, replacing what was there; readers see the old file or the new one, never half. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The file, or null when there is none under this key. */
  get(key: string): Promise<StoredFile | null>;
  /** Removes the file; removing a missing file is not an error. */
  delete(key: string): Promise<void>;
  exists(key: string): Promise<boolean>;
}

export interface StoredFile {
  body: Buffer;
  contentType: string;
}

export function createStorage(config: StorageConfig): FileStorage {
  return config.kind === 'disk' ? new DiskStorage(config.dir) : new S3Storage(config);
}
