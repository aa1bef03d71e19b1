import type { Request, Response } from 'express';
import multer from 'multer';
import { AppError, Invalid } from '../http/errors';

/** One file received from a multipart/form-data request, held in memory (bounded by the route's maxBytes). */
export interface UploadedFile {
  buffer: Buffer;
  /** The name on the sender's disk: for logs and audit only, never trusted for the type. */
  originalName: string;
  size: number;
}

export type ReceiveUpload = (req: Request, res: Response) => Promise<UploadedFile | null>;

/**
 * Reads a multipart request with one file in `field` and a few short text fields (into req.body). Nothing is
 * written to disk; a larger file stops the upload with 413, any other malformed request is a 400.
 */
export function fileUpload(spec: { field: string; maxBytes: number }): ReceiveUpload {
  const middleware = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: spec.maxBytes, files: 1, fields: 10, fieldSize: 2048, parts: 11 },
  }).single(spec.field);
  return (req, res) =>
    new Promise((resolve, reject) => {
      middleware(req, res, (error: unknown) => {
        if (error) return reject(toHttpError(error, spec));
        const file = req.file;
        resolve(file ? { buffer: file.buffer, originalName: file.originalname, size: file.size } : null);
      });
    });
}

function toHttpError(error: unknown, spec: { field: string; maxBytes: number }): AppError {
  if (error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE') {
    return new AppError('payload_too_large', 413, 'The file is too large', {
      [spec.field]: `must be at most ${Math.round(spec.maxBytes / (1024 * 1024))} MB`,
    });
  }
  if (error instanceof multer.MulterError && error.code === 'LIMIT_UNEXPECTED_FILE')
    return new Invalid(`Send one file, in the field "${spec.field}"`, {
      [spec.field]: 'send exactly one file',
    });
  return new Invalid('The upload could not be read: send it as multipart/form-data');
}
