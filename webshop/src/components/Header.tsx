import type { FormEvent } from 'react';

interface HeaderProps {
  search: string;
  onSearchChange: (value: string) => void;
  onSearchSubmit: () => void;
}

export function Header({ search, onSearchChange, onSearchSubmit }: HeaderProps) {
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearchSubmit();
  };

  return (
    <header className="header">
      <div className="header-inner">
        <a className="brand" href="/" aria-label="Computer Shop, home">
          <span className="brand-mark" aria-hidden="true">
            <svg viewBox="0 0 24 24" width="22" height="22" fill="none" stroke="currentColor" strokeWidth="2">
              <rect x="3" y="4" width="18" height="12" rx="1.5" />
              <path d="M8 20h8M12 16v4" strokeLinecap="round" />
            </svg>
          </span>
          <span className="brand-text">
            <span className="brand-name">Computer Shop</span>
            <span className="brand-km" lang="km">
              ហាងកុំព្យូទ័រ
            </span>
          </span>
        </a>
        <form className="search" role="search" onSubmit={submit}>
          <label className="visually-hidden" htmlFor="search-input">
            Search products
          </label>
          <svg className="search-icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="m20 20-3.5-3.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          </svg>
          <input
            id="search-input"
            type="search"
            placeholder="Search laptops, SSDs…"
            autoComplete="off"
            enterKeyHint="search"
            maxLength={200}
            value={search}
            onChange={(event) => onSearchChange(event.target.value)}
          />
          <button type="submit" className="search-button">
            Search
          </button>
        </form>
      </div>
    </header>
  );
}
