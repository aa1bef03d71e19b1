import { Skeleton, useMessages } from '@shop/ui';
import type { SpecKind } from '@shop/shared';
import {
  Cable,
  CircuitBoard,
  Cpu,
  Gpu,
  HardDrive,
  Keyboard,
  Laptop,
  MemoryStick,
  Monitor,
  Package,
  PcCase,
  Plug,
  Router,
  Save,
  type LucideIcon,
} from 'lucide-react';
import { Link } from 'react-router';
import { departments, useCategories } from '../api/catalog';
import { homeText } from './home-messages';
import { useCategoryName } from './names';

const icons: Record<SpecKind, LucideIcon> = {
  cpu: Cpu,
  motherboard: CircuitBoard,
  ram: MemoryStick,
  ssd: Save,
  hdd: HardDrive,
  gpu: Gpu,
  psu: Plug,
  case: PcCase,
  monitor: Monitor,
  laptop: Laptop,
  peripheral: Keyboard,
  networking: Router,
  accessory: Cable,
  general: Package,
};

/** The departments as tiles with an icon and their number of products (home page). */
export function DepartmentTiles() {
  const t = useMessages(homeText);
  const categories = useCategories();
  const name = useCategoryName();
  const list = departments(categories.data);
  return (
    <ul className="grid grid-cols-4 gap-2 sm:gap-3 md:grid-cols-5 xl:grid-cols-7">
      {categories.data
        ? list.map((category) => {
            const Icon = icons[category.specKind];
            return (
              <li key={category.id}>
                <Link
                  to={`/c/${category.slug}`}
                  className="group flex h-full flex-col items-center gap-1.5 rounded-card border border-line bg-surface px-1 py-3 text-center shadow-sm transition hover:border-brand-200 hover:shadow-md sm:gap-2 sm:px-2 sm:py-4"
                >
                  <span className="grid size-10 place-items-center rounded-full bg-brand-50 sm:size-12 text-brand-600 transition-colors group-hover:bg-brand-600 group-hover:text-white">
                    <Icon className="size-5 sm:size-6" aria-hidden="true" />
                  </span>
                  <span className="text-xs leading-tight font-semibold break-words sm:text-sm">
                    {name(category)}
                  </span>
                  <span className="hidden text-xs text-muted sm:block">
                    {t.productCount(category.productCount)}
                  </span>
                </Link>
              </li>
            );
          })
        : Array.from({ length: 14 }, (_, index) => (
            <li key={index}>
              <Skeleton className="h-24 rounded-card sm:h-[8.5rem]" />
            </li>
          ))}
    </ul>
  );
}

/** The departments as a row of links: a way out of an empty search or a missing page. */
export function DepartmentLinks({ className }: { className?: string }) {
  const categories = useCategories();
  const name = useCategoryName();
  return (
    <ul className={className ?? 'flex flex-wrap justify-center gap-2'}>
      {departments(categories.data).map((category) => (
        <li key={category.id}>
          <Link
            to={`/c/${category.slug}`}
            className="inline-flex h-9 items-center rounded-full border border-line bg-white px-4 text-sm font-medium text-ink hover:border-brand-200 hover:bg-brand-50 hover:text-brand-700"
          >
            {name(category)}
          </Link>
        </li>
      ))}
    </ul>
  );
}
