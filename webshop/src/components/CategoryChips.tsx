import type { Category } from '@shop/shared';
import type { Remote } from '../api';

interface CategoryChipsProps {
  categories: Remote<Category[]> & { retry: () => void };
  selected: string | null;
  onSelect: (slug: string | null) => void;
}

export function CategoryChips({ categories, selected, onSelect }: CategoryChipsProps) {
  if (categories.status === 'error' && !categories.data) {
    return (
      <div className="chips-error" role="alert">
        <span>Categories could not be loaded.</span>
        <button type="button" className="button-link" onClick={categories.retry}>
          Try again
        </button>
      </div>
    );
  }

  return (
    <nav className="chips" aria-label="Categories">
      {!categories.data ? (
        <ul className="chips-list" aria-hidden="true">
          {Array.from({ length: 8 }, (_, i) => (
            <li key={i} className="chip chip-skeleton" />
          ))}
        </ul>
      ) : (
        <ul className="chips-list">
          <li>
            <button
              type="button"
              className="chip"
              aria-pressed={selected === null}
              onClick={() => onSelect(null)}
            >
              <span className="chip-name">All products</span>
              <span className="chip-km" lang="km">
                ទាំងអស់
              </span>
            </button>
          </li>
          {categories.data.map((category) => (
            <li key={category.id}>
              <button
                type="button"
                className="chip"
                aria-pressed={selected === category.slug}
                onClick={() => onSelect(selected === category.slug ? null : category.slug)}
              >
                <span className="chip-name">{category.name}</span>
                <span className="chip-km" lang="km">
                  {category.nameKm}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}
