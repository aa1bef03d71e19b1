import type { RouteObject } from 'react-router';
import { AppLayout } from './layout/app-layout';
import { HomePage } from './pages/home';
import { RouteError } from './pages/route-error';

/**
 * Every address a customer can bookmark or share, as data: the browser's router (main.tsx) and the server's
 * (entry-server.tsx) are made from this one list. Pages load on first visit (one small file each), so the home page
 * does not carry the checkout's code; the server resolves the lazy ones it renders before rendering.
 */
export const routes: RouteObject[] = [
  {
    element: <AppLayout />,
    errorElement: <RouteError />,
    children: [
      // The landing page comes with the first file: no extra round trip before the products can show.
      { index: true, Component: HomePage },
      { path: 'search', lazy: async () => ({ Component: (await import('./pages/catalog')).CatalogPage }) },
      {
        path: 'c/:categorySlug',
        lazy: async () => ({ Component: (await import('./pages/catalog')).CatalogPage }),
      },
      {
        path: 'products/:slug',
        lazy: async () => ({ Component: (await import('./pages/product')).ProductPage }),
      },
      { path: 'compare', lazy: async () => ({ Component: (await import('./pages/compare')).ComparePage }) },
      { path: 'builder', lazy: async () => ({ Component: (await import('./pages/builder')).BuilderPage }) },
      {
        path: 'builder/:id',
        lazy: async () => ({ Component: (await import('./pages/builder')).BuilderPage }),
      },
      { path: 'cart', lazy: async () => ({ Component: (await import('./pages/cart')).CartPage }) },
      {
        path: 'checkout',
        lazy: async () => ({ Component: (await import('./pages/checkout')).CheckoutPage }),
      },
      { path: 'orders/:id', lazy: async () => ({ Component: (await import('./pages/order')).OrderPage }) },
      { path: 'login', lazy: async () => ({ Component: (await import('./pages/auth/login')).LoginPage }) },
      {
        path: 'register',
        lazy: async () => ({ Component: (await import('./pages/auth/register')).RegisterPage }),
      },
      {
        path: 'forgot-password',
        lazy: async () => ({ Component: (await import('./pages/auth/forgot-password')).ForgotPasswordPage }),
      },
      {
        path: 'reset-password',
        lazy: async () => ({ Component: (await import('./pages/auth/reset-password')).ResetPasswordPage }),
      },
      {
        path: 'accept-invitation',
        lazy: async () => ({
          Component: (await import('./pages/auth/accept-invitation')).AcceptInvitationPage,
        }),
      },
      { path: 'contact', lazy: async () => ({ Component: (await import('./pages/contact')).ContactPage }) },
      {
        path: 'warranty',
        lazy: async () => ({ Component: (await import('./pages/warranty')).WarrantyPage }),
      },
      {
        path: 'account',
        lazy: async () => ({ Component: (await import('./pages/account/account-layout')).AccountLayout }),
        children: [
          {
            index: true,
            lazy: async () => ({ Component: (await import('./pages/account/profile')).ProfilePage }),
          },
          {
            path: 'orders',
            lazy: async () => ({ Component: (await import('./pages/account/orders')).OrdersPage }),
          },
          {
            path: 'wishlist',
            lazy: async () => ({ Component: (await import('./pages/account/wishlist')).WishlistPage }),
          },
          {
            path: 'addresses',
            lazy: async () => ({ Component: (await import('./pages/account/addresses')).AddressesPage }),
          },
          {
            path: 'security',
            lazy: async () => ({ Component: (await import('./pages/account/security')).SecurityPage }),
          },
          {
            path: 'notifications',
            lazy: async () => ({
              Component: (await import('./pages/account/notifications')).NotificationsPage,
            }),
          },
          {
            path: 'support',
            lazy: async () => ({ Component: (await import('./pages/account/support')).SupportPage }),
          },
          {
            path: 'claims',
            lazy: async () => ({ Component: (await import('./pages/account/claims')).ClaimsPage }),
          },
          {
            path: 'claims/:id',
            lazy: async () => ({ Component: (await import('./pages/account/claim')).ClaimPage }),
          },
          {
            path: 'support/:id',
            lazy: async () => ({ Component: (await import('./pages/account/inquiry')).InquiryPage }),
          },
        ],
      },
      { path: '*', lazy: async () => ({ Component: (await import('./pages/not-found')).NotFoundPage }) },
    ],
  },
];
