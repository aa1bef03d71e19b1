import { specKindNames, type Brand, type Category, type SpecKind } from '@shop/shared';
import {
  Button,
  Dialog,
  ErrorState,
  FormAlert,
  LoadingBlock,
  SelectField,
  TextField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { api, isApiError, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { useCan } from './holder';
import { brandsKey, categoriesKey, categoryName, categoryTree, useBrands, useCategories } from './taxonomy';
import { productTexts } from './texts';

function Frame({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  const t = useMessages(productTexts);
  return (
    <section className="max-w-4xl space-y-4">
      <Link to="/back-office/products" className="text-brand-700 hover:underline">
        ← {t.back}
      </Link>
      <header className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">{title}</h1>
        {action}
      </header>
      {children}
    </section>
  );
}

/** The category tree with Khmer names and spec kinds; admins add and change categories. */
export function CategoriesScreen() {
  const t = useMessages(productTexts);
  const frame = useMessages(backOfficeTexts);
  const { locale } = useLocale();
  const manages = useCan('catalog.manage');
  const categories = useCategories();
  const [editing, setEditing] = useState<Category | 'new' | null>(null);
  return (
    <Frame
      title={t.categoriesTitle}
      action={manages && <Button onClick={() => setEditing('new')}>{t.newCategory}</Button>}
    >
      {categories.isPending ? (
        <LoadingBlock label={t.categoriesTitle} />
      ) : categories.isError ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(categories.error)}
          onRetry={() => void categories.refetch()}
          retryLabel={frame.retry}
        />
      ) : (
        <table
          className="w-full rounded-card border border-line bg-white text-left text-sm"
          aria-label={t.categoriesTitle}
        >
          <thead className="border-b border-line bg-slate-50 text-muted">
            <tr>
              <th className="px-3 py-2 font-medium">{t.name}</th>
              <th className="px-3 py-2 font-medium">{t.nameKm}</th>
              <th className="px-3 py-2 font-medium">{t.specKind}</th>
              <th className="px-3 py-2 text-right font-medium">{t.products}</th>
              {manages && <th className="px-3 py-2" />}
            </tr>
          </thead>
          <tbody>
            {categoryTree(categories.data).map(({ category, depth }) => (
              <tr key={category.id} className="border-b border-line last:border-0" data-testid="category-row">
                <td className="px-3 py-2" style={{ paddingLeft: `${0.75 + depth * 1.5}rem` }}>
                  {depth > 0 && <span className="text-muted">└ </span>}
                  {category.name}
                </td>
                <td className="px-3 py-2">{category.nameKm}</td>
                <td className="px-3 py-2 font-mono">{category.specKind}</td>
                <td className="px-3 py-2 text-right tabular-nums">{category.productCount}</td>
                {manages && (
                  <td className="px-3 py-2 text-right">
                    <Button size="sm" variant="ghost" onClick={() => setEditing(category)}>
                      {t.edit}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && (
        <CategoryDialog
          category={editing === 'new' ? null : editing}
          categories={categories.data ?? []}
          locale={locale}
          onDone={() => setEditing(null)}
        />
      )}
    </Frame>
  );
}

function CategoryDialog({
  category,
  categories,
  locale,
  onDone,
}: {
  category: Category | null;
  categories: Category[];
  locale: string;
  onDone: () => void;
}) {
  const t = useMessages(productTexts);
  const queries = useQueryClient();
  const [name, setName] = useState(category?.name ?? '');
  const [nameKm, setNameKm] = useState(category?.nameKm ?? '');
  const [parentId, setParentId] = useState(category?.parentId ?? '');
  const [specKind, setSpecKind] = useState<SpecKind>(category?.specKind ?? 'general');
  const [position, setPosition] = useState(String(category?.position ?? 0));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // A category cannot go under itself or under one of its own.
  const below = new Set<string>(category ? [category.id] : []);
  for (let grew = true; grew;) {
    grew = false;
    for (const c of categories)
      if (c.parentId && below.has(c.parentId) && !below.has(c.id)) {
        below.add(c.id);
        grew = true;
      }
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    const body = { name, nameKm, parentId: parentId || null, specKind, position: Number(position) || 0 };
    try {
      if (category) await api.updateCategory({ params: { id: category.id }, body });
      else await api.createCategory({ body });
      await queries.invalidateQueries({ queryKey: categoriesKey });
      onDone();
    } catch (failure) {
      setProblem(problemOf(failure));
      if (isApiError(failure)) setFields(failure.fields);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onDone()}
      title={category ? `${t.edit}: ${category.name}` : t.newCategory}
      closeLabel={t.cancel}
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        {problem && <FormAlert>{problem}</FormAlert>}
        <TextField
          label={t.name}
          required
          value={name}
          error={fields.name}
          onChange={(e) => setName(e.target.value)}
        />
        <TextField
          label={t.nameKm}
          required
          lang="km"
          value={nameKm}
          error={fields.nameKm}
          onChange={(e) => setNameKm(e.target.value)}
        />
        <SelectField
          label={t.parent}
          value={parentId}
          error={fields.parentId}
          onChange={(e) => setParentId(e.target.value)}
        >
          <option value="">{t.noParent}</option>
          {categoryTree(categories)
            .filter(({ category: c }) => !below.has(c.id))
            .map(({ category: c, depth }) => (
              <option key={c.id} value={c.id}>
                {'\u2003'.repeat(depth)}
                {categoryName(c, locale)}
              </option>
            ))}
        </SelectField>
        <SelectField
          label={t.specKind}
          value={specKind}
          error={fields.specKind}
          onChange={(e) => setSpecKind(e.target.value as SpecKind)}
        >
          {specKindNames.map((kind) => (
            <option key={kind} value={kind}>
              {kind}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t.position}
          type="number"
          min={0}
          value={position}
          error={fields.position}
          onChange={(e) => setPosition(e.target.value)}
        />
        <Button type="submit" busy={busy}>
          {category ? t.save : t.add}
        </Button>
      </form>
    </Dialog>
  );
}

/** The brands; admins add and rename them. */
export function BrandsScreen() {
  const t = useMessages(productTexts);
  const frame = useMessages(backOfficeTexts);
  const manages = useCan('catalog.manage');
  const brands = useBrands();
  const [editing, setEditing] = useState<Brand | 'new' | null>(null);
  return (
    <Frame
      title={t.brandsTitle}
      action={manages && <Button onClick={() => setEditing('new')}>{t.newBrand}</Button>}
    >
      {brands.isPending ? (
        <LoadingBlock label={t.brandsTitle} />
      ) : brands.isError ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(brands.error)}
          onRetry={() => void brands.refetch()}
          retryLabel={frame.retry}
        />
      ) : (
        <table
          className="w-full rounded-card border border-line bg-white text-left text-sm"
          aria-label={t.brandsTitle}
        >
          <thead className="border-b border-line bg-slate-50 text-muted">
            <tr>
              <th className="px-3 py-2 font-medium">{t.name}</th>
              <th className="px-3 py-2 font-medium">{t.slug}</th>
              <th className="px-3 py-2 text-right font-medium">{t.products}</th>
              {manages && <th className="px-3 py-2" />}
            </tr>
          </thead>
          <tbody>
            {brands.data.map((brand) => (
              <tr key={brand.id} className="border-b border-line last:border-0">
                <td className="px-3 py-2">{brand.name}</td>
                <td className="px-3 py-2 font-mono">{brand.slug}</td>
                <td className="px-3 py-2 text-right tabular-nums">{brand.productCount}</td>
                {manages && (
                  <td className="px-3 py-2 text-right">
                    <Button size="sm" variant="ghost" onClick={() => setEditing(brand)}>
                      {t.edit}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing && <BrandDialog brand={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />}
    </Frame>
  );
}

function BrandDialog({ brand, onDone }: { brand: Brand | null; onDone: () => void }) {
  const t = useMessages(productTexts);
  const queries = useQueryClient();
  const [name, setName] = useState(brand?.name ?? '');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    try {
      if (brand) await api.updateBrand({ params: { id: brand.id }, body: { name } });
      else await api.createBrand({ body: { name } });
      await queries.invalidateQueries({ queryKey: brandsKey });
      onDone();
    } catch (failure) {
      setProblem(problemOf(failure));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onDone()}
      title={brand ? `${t.edit}: ${brand.name}` : t.newBrand}
      closeLabel={t.cancel}
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        {problem && <FormAlert>{problem}</FormAlert>}
        <TextField label={t.name} required value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" busy={busy}>
          {brand ? t.save : t.add}
        </Button>
      </form>
    </Dialog>
  );
}
