import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from './cn';

export function Spinner({ className }: { className?: string }) {
  return (
    <svg
      className={cn('animate-spin', className ?? 'size-5')}
      viewBox="0 0 24 24"
      fill="none"
      aria-hidden="true"
    >
      <circle cx="12" cy="12" r="10" stroke="currentColor" strokeOpacity="0.25" strokeWidth="4" />
      <path d="M22 12a10 10 0 0 0-10-10" stroke="currentColor" strokeWidth="4" strokeLinecap="round" />
    </svg>
  );
}

/** A grey block holding the place of content that is loading, so nothing jumps when it arrives. */
export function Skeleton({ className }: { className?: string }) {
  return <div className={cn('animate-pulse rounded-md bg-slate-200', className)} aria-hidden="true" />;
}

export function LoadingBlock({ label }: { label: string }) {
  return (
    <div role="status" className="flex items-center justify-center gap-3 py-16 text-muted">
      <Spinner />
      <span>{label}</span>
    </div>
  );
}

export function EmptyState({
  title,
  icon: Icon,
  children,
}: {
  title: string;
  /** A large, faint picture of what is missing, above the text. */
  icon?: LucideIcon;
  children?: ReactNode;
}) {
  return (
    <div className="rounded-card border border-dashed border-line bg-white px-6 py-12 text-center">
      <p className="text-lg font-semibold">{title}</p>
      {children && (
        <div className="mt-3 text-muted">
          {Icon && <Icon className="mx-auto mb-3 size-10 text-slate-300" aria-hidden="true" />}
          {children}
        </div>
      )}
    </div>
  );
}

export function ErrorState({
  title,
  detail,
  onRetry,
  retryLabel,
}: {
  title: string;
  detail?: string;
  onRetry?: () => void;
  retryLabel?: string;
}) {
  return (
    <div
      role="alert"
      className="rounded-card border border-red-200 bg-red-50 px-6 py-8 text-center text-red-900"
    >
      <p className="font-semibold">{title}</p>
      {detail && <p className="mt-1 text-sm">{detail}</p>}
      {onRetry && (
        <button
          type="button"
          onClick={onRetry}
          className="mt-4 rounded-lg bg-white px-4 py-2 text-sm font-semibold shadow-sm ring-1 ring-red-200 hover:bg-red-100"
        >
          {retryLabel}
        </button>
      )}
    </div>
  );
}

/** What went wrong with one action or field, said beside it (a failed download, a quantity the shop could not set). */
export function InlineError({
  id,
  className,
  children,
}: {
  id?: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <p id={id} role="alert" className={cn(className, 'text-sm text-red-700')}>
      {children}
    </p>
  );
}
