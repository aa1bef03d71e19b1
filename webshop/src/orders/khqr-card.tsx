import { cn } from '@shop/ui';
import type { Currency } from '@shop/shared';
import type { ReactNode } from 'react';
import { QrCode } from './qr-code';

/** KHQR's red, from the National Bank of Cambodia's KHQR guideline. */
export const KHQR_RED = '#E1232E';

/** The amount as a KHQR card prints it: digits, then the currency code (no symbol). */
export function khqrAmount(amount: number, currency: Currency): string {
  return currency === 'USD'
    ? (amount / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    : amount.toLocaleString('en-US');
}

/**
 * The payment code in the KHQR card every Cambodian customer knows from shop counters: a red band with "KHQR", the
 * receiver's name, the amount and the code with the currency mark in its middle. `overlay` covers the code (expired).
 */
export function KhqrCard({
  qr,
  receiverName,
  amount,
  currency,
  label,
  overlay,
  className,
}: {
  qr: string;
  receiverName: string;
  amount: number;
  currency: Currency;
  label: string;
  overlay?: ReactNode;
  className?: string;
}) {
  return (
    <figure
      className={cn(
        'w-full max-w-[22rem] overflow-hidden rounded-[1.25rem] bg-white shadow-[0_10px_40px_-10px_rgba(15,23,42,0.35)] ring-1 ring-black/5',
        className,
      )}
    >
      <div className="relative grid h-14 place-items-center" style={{ background: KHQR_RED }}>
        <span className="text-2xl font-black tracking-[0.18em] text-white" aria-hidden="true">
          KHQR
        </span>
        {/* The folded corner of the KHQR card. */}
        <span
          className="absolute right-0 -bottom-px size-7 bg-white [clip-path:polygon(100%_0,100%_100%,0_100%)]"
          aria-hidden="true"
        />
      </div>
      <figcaption className="px-7 pt-4 pb-4">
        <p className="truncate text-sm font-medium text-slate-600">{receiverName}</p>
        <p className="mt-0.5 flex items-baseline gap-2 text-ink">
          <span className="text-[1.75rem] leading-tight font-bold tabular-nums">
            {khqrAmount(amount, currency)}
          </span>
          <span className="text-sm font-semibold text-slate-600">{currency}</span>
        </p>
      </figcaption>
      <div className="border-t-2 border-dashed border-slate-200" aria-hidden="true" />
      <div className="relative px-6 pt-5 pb-6">
        <div className={cn('relative transition', overlay ? 'opacity-10 blur-[3px]' : null)}>
          <QrCode value={qr} label={label} className="block aspect-square w-full" />
          <span
            className="absolute top-1/2 left-1/2 grid size-[14%] -translate-x-1/2 -translate-y-1/2 place-items-center rounded-full border-[3px] border-white bg-black text-base font-bold text-white"
            aria-hidden="true"
          >
            {currency === 'USD' ? '$' : '៛'}
          </span>
        </div>
        {overlay && <div className="absolute inset-0 grid place-items-center p-6 text-center">{overlay}</div>}
      </div>
    </figure>
  );
}
