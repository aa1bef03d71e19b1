import { useLocale, useMessages } from '@shop/ui';
import { Link } from 'react-router';
import { useShopInfo } from '../api/shop';
import { warrantyText } from '../warranty/messages';
import { layoutText } from './messages';

export function Footer() {
  const t = useMessages(layoutText);
  const w = useMessages(warrantyText);
  const shop = useShopInfo();
  const { locale } = useLocale();
  return (
    <footer className="mt-16 border-t border-line bg-white print:hidden">
      <div className="mx-auto grid max-w-7xl gap-6 px-4 py-10 text-sm text-muted sm:grid-cols-3 sm:px-6">
        <div>
          <p className="font-semibold text-ink">
            {(locale === 'km' ? shop.data?.nameKm : shop.data?.name) ?? t.shopName}
          </p>
          <p className="mt-1">{t.tagline}</p>
          {shop.data?.contact.hours && <p className="mt-1">{shop.data.contact.hours}</p>}
        </div>
        <div className="space-y-1">
          <p>{t.footerPayments}</p>
          <p>{t.footerPrices}</p>
        </div>
        <div className="space-y-1">
          <Link to="/contact" className="font-semibold text-brand-700 hover:underline">
            {t.contact}
          </Link>
          <p>
            <Link to="/warranty" className="font-semibold text-brand-700 hover:underline">
              {w.lookupTitle}
            </Link>
          </p>
          {shop.data?.contact.phone && <p>{shop.data.contact.phone}</p>}
          {shop.data?.contact.email && <p>{shop.data.contact.email}</p>}
        </div>
      </div>
    </footer>
  );
}
