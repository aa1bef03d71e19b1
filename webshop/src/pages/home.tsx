import { buttonClass, useMessages } from '@shop/ui';
import { BadgeCheck, MapPin, QrCode, ShieldCheck, Truck, type LucideIcon } from 'lucide-react';
import { departments, useCategories, useProducts } from '../api/catalog';
import { pickShowcase, showcaseQuery } from '../api/page-queries';
import { DepartmentTiles } from '../catalog/departments';
import { homeText } from '../catalog/home-messages';
import { usePromotedPrice } from '../api/promotions';
import { ProductRow } from '../catalog/product-grid';
import { ButtonLink } from '../ui/button-link';
import { useTitle } from '../ui/page';
import { QueryError } from '../ui/query-error';

/** The newest products and the best deals among them, from one request (pickShowcase). */
function useShowcase() {
  const newest = useProducts(showcaseQuery);
  const promoted = usePromotedPrice();
  const items = newest.data?.items;
  // Deals by the price the cart would charge (promotions too); the cards price them again themselves.
  const { newArrivals, deals } = items
    ? pickShowcase(items, promoted)
    : { newArrivals: undefined, deals: undefined };
  return { newest, newArrivals, deals };
}

export function HomePage() {
  const t = useMessages(homeText);
  const categories = useCategories();
  const { newest, newArrivals, deals } = useShowcase();
  useTitle(undefined);
  const laptops = departments(categories.data).find((cat) => cat.specKind === 'laptop');

  return (
    <div className="space-y-12 sm:space-y-16">
      <section className="relative overflow-hidden rounded-2xl bg-linear-to-br from-brand-900 via-brand-700 to-brand-600 px-5 py-8 text-white shadow-lg sm:px-10 sm:py-12">
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -top-24 -right-24 size-72 rounded-full bg-white/10 blur-2xl"
        />
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -bottom-32 left-1/3 size-80 rounded-full bg-accent-500/20 blur-3xl"
        />
        <div className="relative grid items-center gap-8 lg:grid-cols-[1.15fr_1fr] lg:gap-12">
          <div>
            <p className="inline-flex items-center gap-1.5 rounded-full bg-white/15 px-3 py-1 text-sm font-medium ring-1 ring-white/25">
              <MapPin className="size-4" aria-hidden="true" />
              {t.heroKicker}
            </p>
            <h1 className="mt-4 text-3xl leading-tight font-extrabold tracking-tight text-balance sm:text-4xl lg:text-5xl">
              {t.heroTitle}
            </h1>
            <p className="mt-4 max-w-xl text-base text-brand-100 sm:text-lg">{t.heroText}</p>
            <div className="mt-6 flex flex-wrap gap-3">
              <ButtonLink to={laptops ? `/c/${laptops.slug}` : '/search'} variant="accent" size="lg">
                {t.shopLaptops}
              </ButtonLink>
              {deals && deals.length > 0 && (
                <a
                  href="#deals"
                  className={buttonClass(
                    'secondary',
                    'lg',
                    'border-white/40 bg-white/10 text-white hover:bg-white/20',
                  )}
                >
                  {t.seeDeals}
                </a>
              )}
            </div>
          </div>
          <div>
            <h2 className="sr-only">{t.whyUs}</h2>
            <ul className="grid grid-cols-2 gap-3">
              <Trust icon={BadgeCheck} title={t.trustGenuine} text={t.trustGenuineText} />
              <Trust icon={ShieldCheck} title={t.trustWarranty} text={t.trustWarrantyText} />
              <Trust icon={QrCode} title={t.trustKhqr} text={t.trustKhqrText} />
              <Trust icon={Truck} title={t.trustPickup} text={t.trustPickupText} />
            </ul>
          </div>
        </div>
      </section>

      <section aria-labelledby="departments-title">
        <h2 id="departments-title" className="mb-4 text-xl font-bold tracking-tight sm:text-2xl">
          {t.departmentsTitle}
        </h2>
        <DepartmentTiles />
      </section>

      {newest.isError && !newest.data ? (
        <QueryError retry={newest.refetch} />
      ) : (
        <>
          {(deals === undefined || deals.length > 0) && (
            <ProductRow id="deals" title={t.deals} subtitle={t.dealsText} products={deals} count={4} />
          )}
          <ProductRow
            id="new-arrivals"
            title={t.newArrivals}
            subtitle={t.newArrivalsText}
            link={{ to: '/search?sort=newest', label: t.seeAll }}
            products={newArrivals}
          />
        </>
      )}
    </div>
  );
}

function Trust({ icon: Icon, title, text }: { icon: LucideIcon; title: string; text: string }) {
  return (
    <li className="rounded-xl bg-white/10 p-3 ring-1 ring-white/20 backdrop-blur-sm sm:p-4">
      <Icon className="size-6 text-orange-400" aria-hidden="true" />
      <p className="mt-2 text-sm leading-snug font-bold sm:text-base">{title}</p>
      <p className="mt-1 hidden text-sm text-brand-100 sm:block">{text}</p>
    </li>
  );
}
