import type { Page } from '../paged-list';

/** A list the server answers whole (counters, parked items: a handful) as the one page PagedList shows. */
export const asOnePage = <Item>({ items }: { items: Item[] }): Page<Item> => ({
  items,
  total: items.length,
  page: 1,
  pageSize: Math.max(1, items.length),
});
