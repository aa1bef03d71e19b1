import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/**
 * Who is buying once known (a signed-in customer or a guest's details): who, their email, and a way back to choose
 * again. `children` are lines shown between the title and the email.
 */
export function BuyerSummary({
  icon: Icon,
  title,
  email,
  changeLabel,
  onChange,
  changing = false,
  children,
}: {
  icon: LucideIcon;
  title: string;
  email: string;
  changeLabel: string;
  onChange: () => void;
  changing?: boolean;
  children?: ReactNode;
}) {
  return (
    <div className="flex items-start gap-3">
      <Icon className="size-9 shrink-0 text-brand-600" aria-hidden="true" />
      <div className="min-w-0 flex-1">
        <p className="font-semibold">{title}</p>
        {children}
        <p className="truncate text-sm text-muted">{email}</p>
        <button
          type="button"
          onClick={onChange}
          disabled={changing}
          className="mt-1 text-sm font-medium text-brand-700 underline underline-offset-2 hover:no-underline disabled:text-muted"
        >
          {changeLabel}
        </button>
      </div>
    </div>
  );
}
