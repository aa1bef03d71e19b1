import { cn } from '@shop/ui';
import { useEffect, type ReactNode } from 'react';

/** Sets the browser tab's title while the page is shown. */
export function useTitle(title: string | undefined) {
  useEffect(() => {
    document.title = title ? `${title} · Computer Shop` : 'Computer Shop';
  }, [title]);
}

/** The page's main heading with its tab title. */
export function PageHeading({
  title,
  children,
  className,
}: {
  title: string;
  children?: ReactNode;
  className?: string;
}) {
  useTitle(title);
  return (
    <div className={cn('mb-6 flex flex-wrap items-end justify-between gap-3', className)}>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      {children}
    </div>
  );
}

export function Card({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <section className={cn('rounded-card border border-line bg-surface p-5 shadow-sm', className)}>
      {children}
    </section>
  );
}
