import { LoadingBlock, useMessages } from '@shop/ui';
import { Suspense } from 'react';
import { Outlet, ScrollRestoration, type Location } from 'react-router';
import { common } from '../i18n/common';
import { ToastProvider } from '../ui/toast';
import { WishlistMergeOnSignIn } from '../wishlist/merge-on-sign-in';
import { Footer } from './footer';
import { Header } from './header';
import { LocaleSync } from './locale-sync';
import { layoutText } from './messages';

/**
 * Where a page's scroll position is kept. React Router names the entry a document opened on "default", in every
 * tab and after every full load, and a new tab inherits its opener's saved positions: a product link pasted into a
 * tab opened scrolled to where some earlier page was. That entry is keyed by this document's load instead, so a full
 * load starts at the top; entries made inside the app keep their own keys, and back/forward restores them.
 */
function scrollKey(location: Location): string {
  return location.key === 'default' ? `load:${performance.timeOrigin}` : location.key;
}

export function AppLayout() {
  const t = useMessages(layoutText);
  const c = useMessages(common);
  return (
    <ToastProvider>
      <div className="flex min-h-dvh flex-col">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:z-50 focus:m-2 focus:rounded focus:bg-white focus:p-2"
        >
          {t.skipToContent}
        </a>
        <LocaleSync />
        <WishlistMergeOnSignIn />
        <Header />
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-3 py-6 sm:px-6">
          <Suspense fallback={<LoadingBlock label={c.loading} />}>
            <Outlet />
          </Suspense>
        </main>
        <Footer />
        <ScrollRestoration getKey={scrollKey} />
      </div>
    </ToastProvider>
  );
}
