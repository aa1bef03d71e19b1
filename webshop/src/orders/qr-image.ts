import type { Currency } from '@shop/shared';
import { KHQR_RED, khqrAmount } from './khqr-card';
import { qrModules, QUIET_ZONE } from './qr-code';

/** What the saved picture shows besides the code: who receives the money, how much, for which order. */
export interface QrImageFacts {
  qr: string;
  receiverName: string;
  amount: number;
  currency: Currency;
  orderNumber: string;
}

const WIDTH = 720;
const MODULE_PX = 10;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif';

/**
 * The KHQR card as a PNG, drawn on a canvas: a customer paying from the same phone saves it to the photo gallery
 * and picks it in the bank app's scanner. The amount and the receiver are drawn in, so the picture alone says what
 * it pays (KHQR's names are Latin, which every phone's canvas font draws).
 */
export async function drawQrImage(facts: QrImageFacts): Promise<Blob> {
  const { size, data } = qrModules(facts.qr);
  const codePx = (size + QUIET_ZONE * 2) * MODULE_PX;
  const codeTop = 330;
  const height = codeTop + codePx + 90;
  const canvas = document.createElement('canvas');
  canvas.width = WIDTH;
  canvas.height = height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no 2D canvas');

  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, WIDTH, height);
  g.fillStyle = KHQR_RED;
  g.fillRect(0, 0, WIDTH, 110);
  g.fillStyle = '#ffffff';
  g.font = `900 56px ${FONT}`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText('KHQR', WIDTH / 2, 57);

  g.textAlign = 'left';
  g.textBaseline = 'alphabetic';
  g.fillStyle = '#475569';
  g.font = `500 30px ${FONT}`;
  g.fillText(facts.receiverName, 56, 172);
  const amount = khqrAmount(facts.amount, facts.currency);
  g.fillStyle = '#0f172a';
  g.font = `700 64px ${FONT}`;
  g.fillText(amount, 56, 250);
  const amountWidth = g.measureText(amount).width;
  g.fillStyle = '#475569';
  g.font = `600 30px ${FONT}`;
  g.fillText(facts.currency, 56 + amountWidth + 16, 250);

  g.strokeStyle = '#e2e8f0';
  g.lineWidth = 4;
  g.setLineDash([14, 10]);
  g.beginPath();
  g.moveTo(0, 296);
  g.lineTo(WIDTH, 296);
  g.stroke();
  g.setLineDash([]);

  const left = (WIDTH - codePx) / 2;
  g.fillStyle = '#000000';
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++)
      if (data[y * size + x])
        g.fillRect(
          left + (x + QUIET_ZONE) * MODULE_PX,
          codeTop + (y + QUIET_ZONE) * MODULE_PX,
          MODULE_PX,
          MODULE_PX,
        );
  // The currency mark in the middle, as on the card (error correction Q covers it).
  const middle = { x: WIDTH / 2, y: codeTop + codePx / 2 };
  const radius = codePx * 0.07;
  g.beginPath();
  g.arc(middle.x, middle.y, radius + 6, 0, Math.PI * 2);
  g.fillStyle = '#ffffff';
  g.fill();
  g.beginPath();
  g.arc(middle.x, middle.y, radius, 0, Math.PI * 2);
  g.fillStyle = '#000000';
  g.fill();
  g.fillStyle = '#ffffff';
  g.font = `700 ${Math.round(radius * 1.1)}px ${FONT}`;
  g.textAlign = 'center';
  g.textBaseline = 'middle';
  g.fillText(facts.currency === 'USD' ? '$' : 'KHR', middle.x, middle.y + 2);

  g.fillStyle = '#64748b';
  g.font = `500 26px ${FONT}`;
  g.textBaseline = 'alphabetic';
  g.fillText(facts.orderNumber, WIDTH / 2, height - 36);

  return new Promise((resolve, reject) =>
    canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('no PNG'))), 'image/png'),
  );
}
