import { useMessages } from '@shop/ui';
import { SearchX } from 'lucide-react';
import { common } from '../i18n/common';
import { ButtonLink } from '../ui/button-link';
import { DepartmentLinks } from './departments';
import { catalogText } from './messages';

/** A missing category or product: says so as the page's heading and offers the departments as a way on. */
export function CatalogNotFound({ title, text }: { title: string; text: string }) {
  const t = useMessages(catalogText);
  const c = useMessages(common);
  return (
    <div className="mx-auto max-w-2xl rounded-card border border-line bg-surface px-6 py-12 text-center shadow-sm">
      <SearchX className="mx-auto size-12 text-slate-300" aria-hidden="true" />
      <h1 className="mt-4 text-2xl font-bold tracking-tight">{title}</h1>
      <p className="mt-2 text-muted">{text}</p>
      <ButtonLink to="/" className="mt-6">
        {c.backHome}
      </ButtonLink>
      <h2 className="mt-8 mb-3 text-sm font-semibold text-ink">{t.browseDepartments}</h2>
      <DepartmentLinks />
    </div>
  );
}
