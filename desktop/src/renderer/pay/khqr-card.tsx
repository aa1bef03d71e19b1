import QRCode from 'qrcode';
import { useEffect, useState, type ReactNode } from 'react';

/** Ticks every second while mounted: the countdown's clock. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** Milliseconds as the countdown shows them: "4:07". */
export function minutesAndSeconds(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1_000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The QR of a KHQR string, drawn here (the same picture on the cashier's screen and the customer's). */
function useQrPicture(khqr: string): string | null {
  const [picture, setPicture] = useState<{ khqr: string; url: string } | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(khqr, { errorCorrectionLevel: 'M', margin: 2, width: 480 })
      .then((url) => live && setPicture({ khqr, url }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [khqr]);
  return picture?.khqr === khqr ? picture.url : null;
}

/**
 * A KHQR as customers in Cambodia know it: the red header with the KHQR mark, the amount in bold, a dashed divider,
 * the QR, and what is under it (the countdown, or what to type for a static QR).
 */
export function KhqrCard({
  khqr,
  heading,
  amount,
  footer,
  size = 'large',
}: {
  khqr: string;
  heading: ReactNode;
  amount: string;
  footer?: ReactNode;
  size?: 'large' | 'huge';
}) {
  const picture = useQrPicture(khqr);
  const side = size === 'huge' ? 'size-[min(52vh,26rem)]' : 'size-[min(42vh,18rem)]';
  return (
    <figure
      className={`${size === 'huge' ? '' : 'mx-auto '}w-fit overflow-hidden rounded-2xl border border-line bg-white shadow-md`}
      data-testid="khqr-card"
    >
      <div className="bg-[#e1232e] px-6 py-2 text-center text-xl font-black tracking-wider text-white">
        KHQR
      </div>
      <div className="px-6 pt-3 text-center">
        <p className="text-sm text-muted">{heading}</p>
        <p className="text-3xl font-bold tabular-nums" data-testid="khqr-amount">
          {amount}
        </p>
      </div>
      <div className="mx-6 my-2 border-t-2 border-dashed border-line" />
      <div className={`mx-auto ${side} px-4`}>
        {picture && <img src={picture} alt="KHQR" className="size-full" data-khqr={khqr} />}
      </div>
      {footer && <figcaption className="px-6 pt-1 pb-4 text-center text-sm">{footer}</figcaption>}
    </figure>
  );
}
