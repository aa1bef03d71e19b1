import { ChevronRight } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';

/** A row of a list that opens what it shows (an order, a question), with the arrow that says so. */
export function RowLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link
      to={to}
      className="group flex items-center gap-4 rounded-card border border-line bg-surface p-4 shadow-sm transition-colors hover:border-brand-200 hover:bg-brand-50/40 sm:p-5"
    >
      {children}
      <ChevronRight
        className="size-5 shrink-0 text-muted transition-transform group-hover:translate-x-0.5"
        aria-hidden="true"
      />
    </Link>
  );
}
