import { buttonClass, cn, useLocale, useMessages } from '@shop/ui';
import { Cpu, Heart, Menu, ShoppingCart, Wrench } from 'lucide-react';
import { cloneElement, lazy, Suspense, useState } from 'react';
import { Link, NavLink } from 'react-router';
import { useCart } from '../api/cart';
import { departments, useCategories } from '../api/catalog';
import { useWishlistIds } from '../wishlist/heart-toggle';
import { wishlistText } from '../wishlist/messages';
import { AccountMenu } from './account-menu';
import { HeaderCountLink } from './header-count-link';
import { LanguageSwitch } from './language-switch';
import { NotificationSlot } from './notification-slot';
import { layoutText } from './messages';
import { SearchBox } from './search-box';

const Sheet = lazy(async () => ({ default: (await import('../ui/sheet')).Sheet }));

export function Header() {
  const t = useMessages(layoutText);
  const w = useMessages(wishlistText);
  const saved = useWishlistIds().size;
  const { locale } = useLocale();
  const cart = useCart();
  const categories = useCategories();
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuWanted, setMenuWanted] = useState(false);
  const menuButton = (
    <button
      type="button"
      className={buttonClass('ghost', 'md', 'px-2 max-sm:w-10 max-sm:px-0 lg:hidden')}
      aria-label={t.menu}
      aria-haspopup="dialog"
    >
      <Menu className="size-5" aria-hidden="true" />
    </button>
  );
  const count = cart.data?.itemCount ?? 0;
  const topLevel = departments(categories.data);

  return (
    <header className="sticky top-0 z-30 border-b border-line bg-white/95 backdrop-blur print:hidden">
      {/* Phones: menu, logo, language, account and cart on one row, the search box full width below. */}
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-1 gap-y-2 px-3 py-2 sm:gap-x-3 sm:px-6 md:flex-nowrap md:py-3">
        {/* The menu's dialog code loads with the first tap on the button: the first view does without it. */}
        {menuWanted ? (
          <Suspense fallback={menuButton}>
            <Sheet open={menuOpen} onOpenChange={setMenuOpen} title={t.categories} trigger={menuButton}>
              <nav aria-label={t.categories}>
                <ul className="space-y-1">
                  <li>
                    <Link
                      to="/builder"
                      onClick={() => setMenuOpen(false)}
                      className="flex items-center gap-2 rounded-lg px-3 py-2 font-semibold text-brand-700 hover:bg-slate-100"
                    >
                      <Wrench className="size-4" aria-hidden="true" />
                      {t.pcBuilder}
                    </Link>
                  </li>
                  {topLevel.map((category) => (
                    <li key={category.id}>
                      <Link
                        to={`/c/${category.slug}`}
                        onClick={() => setMenuOpen(false)}
                        className="block rounded-lg px-3 py-2 hover:bg-slate-100"
                      >
                        {locale === 'km' ? category.nameKm : category.name}
                      </Link>
                    </li>
                  ))}
                </ul>
              </nav>
            </Sheet>
          </Suspense>
        ) : (
          cloneElement(menuButton, {
            onClick: () => {
              setMenuWanted(true);
              setMenuOpen(true);
            },
          })
        )}
        <Link
          to="/"
          className="flex shrink-0 items-center gap-2 font-bold text-brand-700"
          aria-label={t.shopName}
        >
          <span className="grid size-9 place-items-center rounded-lg bg-brand-600 text-white">
            <Cpu className="size-5" aria-hidden="true" />
          </span>
          <span className="hidden text-lg sm:inline">{t.shopName}</span>
        </Link>
        <SearchBox className="order-last w-full md:order-none md:w-auto md:min-w-0 md:flex-1" />
        <LanguageSwitch className="ml-auto md:ml-0" />
        <NotificationSlot />
        <AccountMenu />
        <HeaderCountLink
          to="/account/wishlist"
          label={w.wishlistWithCount(saved)}
          icon={Heart}
          text={w.wishlist}
          count={saved}
          wide="xl"
          badgeClassName="bg-rose-500"
        />
        <HeaderCountLink
          to="/cart"
          label={t.cartWithCount(count)}
          icon={ShoppingCart}
          text={t.cart}
          count={count}
          wide="sm"
          badgeClassName="bg-accent-500"
        />
      </div>
      <nav aria-label={t.categories} className="hidden border-t border-line lg:block">
        <ul className="mx-auto flex max-w-7xl gap-0.5 overflow-x-auto px-4 py-1 text-sm">
          <li>
            <NavLink
              to="/builder"
              className={({ isActive }) =>
                cn(
                  'flex items-center gap-1.5 rounded-md px-2.5 py-1.5 font-semibold whitespace-nowrap',
                  isActive ? 'bg-brand-50 text-brand-700' : 'text-brand-700 hover:bg-slate-100',
                )
              }
            >
              <Wrench className="size-4" aria-hidden="true" />
              {t.pcBuilder}
            </NavLink>
          </li>
          {topLevel.map((category) => (
            <li key={category.id}>
              <NavLink
                to={`/c/${category.slug}`}
                className={({ isActive }) =>
                  cn(
                    'block rounded-md px-2.5 py-1.5 whitespace-nowrap',
                    isActive
                      ? 'bg-brand-50 font-semibold text-brand-700'
                      : 'text-slate-700 hover:bg-slate-100',
                  )
                }
              >
                {locale === 'km' ? category.nameKm : category.name}
              </NavLink>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
