import { Button, Skeleton, useMessages } from '@shop/ui';
import { formatKhr, formatUsd, type ProductDetail } from '@shop/shared';
import { BadgeCheck, CircleCheck, QrCode, ShieldCheck, ShoppingCart, Truck, Wrench } from 'lucide-react';
import { useId, useRef, useState, type RefObject } from 'react';
import { Link, useParams } from 'react-router';
import { useCategories, useProduct, useProducts } from '../api/catalog';
import { isApiError } from '../api/client';
import { relatedQuery } from '../api/page-queries';
import { useAddToCartWithFeedback } from '../catalog/add-to-cart';
import { Breadcrumbs, type Crumb } from '../catalog/breadcrumbs';
import { StickyBuyBar } from '../catalog/buy-bar';
import { CompareToggle } from '../catalog/compare-toggle';
import { CompareTray } from '../catalog/compare-tray';
import { catalogText } from '../catalog/messages';
import { LocalText } from '../catalog/local-text';
import { discountPercent, useCategoryName, useKeySpecs } from '../catalog/names';
import { CatalogNotFound } from '../catalog/not-found';
import { ProductGallery } from '../catalog/product-gallery';
import { PreOrderBox } from '../catalog/pre-order-box';
import { ProductRow } from '../catalog/product-grid';
import { QuantityInput } from '../catalog/quantity-input';
import { SpecTable } from '../catalog/spec-table';
import { StockAlertForm } from '../catalog/stock-alert-form';
import { WarrantyTerms } from '../catalog/warranty-terms';
import { WishlistHeart } from '../wishlist/heart-toggle';
import { DeliveryLine } from '../catalog/delivery-line';
import { common } from '../i18n/common';
import { useTitle } from '../ui/page';
import { Price, useRiel } from '../ui/price';
import { usePromotedPrice } from '../api/promotions';
import { QueryError } from '../ui/query-error';
import { StockBadge } from '../ui/stock-badge';

const maxPerLine = 99;

export function ProductPage() {
  const { slug = '' } = useParams();
  const product = useProduct(slug);

  if (product.isPending) return <ProductSkeleton />;
  if (product.isError) {
    if (isApiError(product.error, 404)) return <ProductNotFound />;
    return <QueryError retry={product.refetch} />;
  }
  return <ProductView key={product.data.id} product={product.data} />;
}

function ProductView({ product: listed }: { product: ProductDetail }) {
  const t = useMessages(catalogText);
  // Priced with the shop's promotions, as the cart will charge it (the old price struck through).
  const product = usePromotedPrice()(listed);
  const savingKhr = useRiel(
    product.compareAtCents === null ? 0 : product.compareAtCents - product.priceCents,
  );
  const c = useMessages(common);
  const categories = useCategories();
  const categoryName = useCategoryName();
  const keySpecs = useKeySpecs()(product);
  const purchaseBox = useRef<HTMLDivElement>(null);
  useTitle(product.name);

  const category = categories.data?.find((cat) => cat.id === product.category.id);
  const parent = category?.parentId
    ? categories.data?.find((cat) => cat.id === category.parentId)
    : undefined;
  const crumbs: Crumb[] = [
    ...(parent ? [{ label: categoryName(parent), to: `/c/${parent.slug}` }] : []),
    { label: categoryName(product.category), to: `/c/${product.category.slug}` },
    { label: product.name },
  ];
  const discount = discountPercent(product);
  const images = product.images.length
    ? product.images
    : product.imageUrl
      ? [{ url: product.imageUrl, alt: product.name }]
      : [];

  return (
    <div>
      <Breadcrumbs items={crumbs} />
      <div className="grid gap-6 lg:grid-cols-2 lg:gap-10">
        {/* Narrower on a phone, so the price and Add to cart are on the first screen under the picture. */}
        <div className="mx-auto w-full max-w-[15rem] sm:max-w-sm lg:sticky lg:top-32 lg:max-w-none lg:self-start">
          <ProductGallery images={images} name={product.name} />
        </div>
        <div className="min-w-0">
          <Link
            to={`/c/${product.category.slug}?brand=${product.brand.slug}`}
            className="text-sm font-semibold tracking-wide text-brand-700 uppercase hover:underline"
          >
            {product.brand.name}
          </Link>
          <h1 className="mt-1 text-2xl font-bold tracking-tight break-words sm:text-3xl">{product.name}</h1>
          <p className="mt-2 text-sm text-muted">
            {t.sku}: <span className="font-mono text-ink">{product.sku}</span>
          </p>
          {keySpecs.length > 0 && (
            <ul aria-label={t.keySpecs} className="mt-3 flex flex-wrap gap-2">
              {keySpecs.map((spec) => (
                <li
                  key={spec}
                  className="rounded-md bg-slate-100 px-2.5 py-1 text-sm font-medium text-slate-700"
                >
                  {spec}
                </li>
              ))}
            </ul>
          )}

          <div className="mt-5 rounded-card border border-line bg-surface p-4 shadow-sm sm:p-5">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <Price cents={product.priceCents} wasCents={product.compareAtCents} size="lg" />
              {discount > 0 && (
                <span className="rounded-md bg-accent-500 px-2 py-0.5 text-sm font-bold text-white">
                  {t.percentOffLabel(discount)}
                </span>
              )}
            </div>
            {product.promotionName && (
              <p data-promotion className="mt-1 text-sm font-semibold text-accent-600">
                {product.promotionName}
              </p>
            )}
            {discount > 0 && product.compareAtCents !== null && (
              <p className="mt-1 text-sm font-semibold text-accent-600">
                {t.youSave(formatUsd(product.compareAtCents - product.priceCents))}
                {savingKhr !== null && ` (≈ ${formatKhr(savingKhr)})`}
              </p>
            )}
            <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
              <StockBadge availability={product.availability} preOrderable={Boolean(product.preOrder)} />
              <span className="inline-flex items-center gap-1.5 font-medium text-ink">
                <ShieldCheck className="size-4 text-emerald-600" aria-hidden="true" />
                {c.warrantyMonths(product.warrantyMonths)}
              </span>
            </div>
            <DeliveryLine priceCents={product.priceCents} />
            <PurchaseBox product={product} buttonRow={purchaseBox} />
          </div>

          <ul className="mt-5 grid gap-2 text-sm text-slate-700 sm:grid-cols-2">
            <Perk icon={BadgeCheck}>{t.perkGenuine}</Perk>
            <Perk icon={Wrench}>{t.perkService}</Perk>
            <Perk icon={QrCode}>{t.perkKhqr}</Perk>
            <Perk icon={Truck}>{t.perkPickup}</Perk>
          </ul>
        </div>
      </div>

      <div className="mt-10 grid gap-8 lg:grid-cols-2 lg:gap-10">
        <section aria-labelledby="description-title">
          <h2 id="description-title" className="mb-3 text-xl font-bold">
            {t.description}
          </h2>
          <div className="space-y-3 leading-relaxed whitespace-pre-line text-slate-700">
            {product.description ? <LocalText en={product.description} km={product.descriptionKm} /> : '—'}
          </div>
        </section>
        <section aria-labelledby="specs-title">
          <h2 id="specs-title" className="mb-3 text-xl font-bold">
            {t.specifications}
          </h2>
          <SpecTable specs={product.specs} />
        </section>
      </div>

      <WarrantyTerms months={product.warrantyMonths} />
      <RelatedProducts product={product} />
      <CompareTray />
      <StickyBuyBar product={product} watch={purchaseBox} />
    </div>
  );
}

function PurchaseBox({
  product,
  buttonRow,
}: {
  product: ProductDetail;
  buttonRow: RefObject<HTMLDivElement | null>;
}) {
  const t = useMessages(catalogText);
  const id = useId();
  const [quantity, setQuantity] = useState(1);
  const cart = useAddToCartWithFeedback();
  const soldOut = product.availability === 'out_of_stock';

  return (
    <div className="mt-5 border-t border-line pt-5">
      {soldOut && product.preOrder ? (
        <PreOrderBox product={product} preOrder={product.preOrder} />
      ) : soldOut ? (
        <StockAlertForm product={product} />
      ) : (
        <div ref={buttonRow} className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor={id} className="mb-1 block text-sm font-medium">
              {t.quantity}
            </label>
            <QuantityInput
              id={id}
              value={quantity}
              max={maxPerLine}
              onChange={(next) => {
                setQuantity(next);
                cart.reset();
              }}
            />
          </div>
          <Button
            variant="accent"
            size="lg"
            className="min-w-48 flex-1"
            busy={cart.busy}
            onClick={() => cart.addProduct(product, quantity, { toastErrors: false })}
          >
            <ShoppingCart className="size-5" aria-hidden="true" />
            {t.addToCart}
          </Button>
        </div>
      )}
      <div aria-live="polite">
        {cart.error && (
          <p role="alert" className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800">
            {cart.error}
          </p>
        )}
        {cart.succeeded && (
          <p className="mt-3 flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            <CircleCheck className="size-4" aria-hidden="true" />
            <span>{t.added}</span>
            <Link to="/cart" className="font-semibold underline">
              {t.viewCart}
            </Link>
          </p>
        )}
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-6 gap-y-1">
        <WishlistHeart product={product} variant="labelled" />
        <CompareToggle product={product} />
      </div>
    </div>
  );
}

function Perk({ icon: Icon, children }: { icon: typeof BadgeCheck; children: string }) {
  return (
    <li className="flex items-center gap-2">
      <Icon className="size-5 shrink-0 text-brand-600" aria-hidden="true" />
      {children}
    </li>
  );
}

function RelatedProducts({ product }: { product: ProductDetail }) {
  const t = useMessages(catalogText);
  const categoryName = useCategoryName();
  const related = useProducts(relatedQuery(product.category.slug));
  const items = related.data?.items.filter((p) => p.id !== product.id).slice(0, 4);
  if (items && items.length === 0) return null;
  return (
    <div className="mt-12">
      <ProductRow
        id="related"
        title={t.moreIn(categoryName(product.category))}
        link={{ to: `/c/${product.category.slug}`, label: t.seeAll }}
        products={items}
        count={4}
      />
    </div>
  );
}

function ProductNotFound() {
  const t = useMessages(catalogText);
  useTitle(t.productNotFound);
  return <CatalogNotFound title={t.productNotFound} text={t.productNotFoundText} />;
}

/** The page's shape while the product loads, so the picture and the price do not jump in. */
function ProductSkeleton() {
  return (
    <div aria-busy="true">
      <Skeleton className="mb-4 h-4 w-64" />
      <div className="grid gap-6 lg:grid-cols-2 lg:gap-10">
        <Skeleton className="aspect-square w-full rounded-card" />
        <div className="space-y-3">
          <Skeleton className="h-4 w-24" />
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-8 w-2/3" />
          <Skeleton className="h-4 w-40" />
          <Skeleton className="mt-5 h-56 w-full rounded-card" />
        </div>
      </div>
      <div className="mt-10 grid gap-8 lg:grid-cols-2 lg:gap-10">
        <Skeleton className="h-40 w-full rounded-card" />
        <Skeleton className="h-56 w-full rounded-card" />
      </div>
    </div>
  );
}
