import { cn, useMessages } from '@shop/ui';
import type { Category } from '@shop/shared';
import { Link } from 'react-router';
import { catalogText } from './messages';
import { useCategoryName } from './names';

/** The department's sub-categories as chips (Laptops: All, Gaming, Business), the current one marked. */
export function Subcategories({ category, all }: { category: Category; all: Category[] }) {
  const t = useMessages(catalogText);
  const name = useCategoryName();
  const department = category.parentId ? all.find((c) => c.id === category.parentId) : category;
  const children = department ? all.filter((c) => c.parentId === department.id) : [];
  if (!department || children.length === 0) return null;
  const chip = (target: Category, label: string) => {
    const current = target.id === category.id;
    return (
      <li key={target.id} className="shrink-0">
        <Link
          to={`/c/${target.slug}`}
          aria-current={current ? 'page' : undefined}
          className={cn(
            'inline-flex h-9 shrink-0 items-center rounded-full border px-4 text-sm font-medium whitespace-nowrap',
            current
              ? 'border-brand-600 bg-brand-600 text-white'
              : 'border-line bg-white text-ink hover:border-brand-200 hover:bg-brand-50',
          )}
        >
          {label}
        </Link>
      </li>
    );
  };
  return (
    <nav aria-label={t.inThisDepartment} className="mt-3">
      <ul className="-mx-3 flex gap-2 overflow-x-auto px-3 pb-1 sm:mx-0 sm:flex-wrap sm:px-0">
        {chip(department, t.allOf(name(department)))}
        {children.map((child) => chip(child, name(child)))}
      </ul>
    </nav>
  );
}
