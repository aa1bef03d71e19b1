import { cn } from '@shop/ui';
import { Check } from 'lucide-react';
import type { ReactNode, Ref } from 'react';

/** One numbered step of the checkout; greyed and unusable until the steps before it are done. */
export function StepCard({
  number,
  title,
  done = false,
  locked = false,
  headingRef,
  children,
}: {
  number: number;
  title: string;
  done?: boolean;
  locked?: boolean;
  headingRef?: Ref<HTMLHeadingElement>;
  children: ReactNode;
}) {
  return (
    <section
      className={cn(
        'rounded-card border border-line bg-surface p-5 shadow-sm sm:p-6',
        locked && 'bg-slate-50',
      )}
      aria-disabled={locked || undefined}
    >
      <h2
        ref={headingRef}
        tabIndex={-1}
        className="flex items-center gap-3 text-lg font-bold focus:outline-none"
      >
        <span
          className={cn(
            'grid size-8 shrink-0 place-items-center rounded-full text-sm font-bold',
            done
              ? 'bg-emerald-600 text-white'
              : locked
                ? 'bg-slate-200 text-muted'
                : 'bg-brand-600 text-white',
          )}
          aria-hidden="true"
        >
          {done ? <Check className="size-4" /> : number}
        </span>
        <span className={cn(locked && 'text-muted')}>{title}</span>
      </h2>
      <div inert={locked} className={cn('mt-4', locked && 'opacity-50 select-none')}>
        {children}
      </div>
    </section>
  );
}
