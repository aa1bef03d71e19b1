import type { ReactNode } from 'react';

/** A titled block of a detail page, named by its title for screen readers and tests. */
export function Card({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="space-y-3 rounded-card border border-line bg-white p-4" aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}
