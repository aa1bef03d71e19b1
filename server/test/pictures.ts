import sharp from 'sharp';

/** A plain picture of the given size, for upload and thumbnail tests. */
export const picture = (width: number, height: number, background = '#2a6fdb') =>
  sharp({ create: { width, height, channels: 3, background } });

/** A phone photo: taken sideways (EXIF orientation 6), with the camera model and the GPS position where it was taken. */
export function phonePhoto(width = 640, height = 480, background = '#2a6fdb'): Promise<Buffer> {
  return picture(width, height, background)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'PhoneCo', Model: 'Pocket 12' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '11/1 33/1 30/1',
        GPSLongitudeRef: 'E',
        GPSLongitude: '104/1 55/1 12/1',
      },
    })
    .toBuffer();
}
