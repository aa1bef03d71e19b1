import { cn } from '@shop/ui';
import { Toast } from 'radix-ui';
import { Link } from 'react-router';
import type { ToastMessage } from './toast';

/** The notices on screen (toast.tsx loads this with the first one). */
export function ToastList({ toasts, dismiss }: { toasts: ToastMessage[]; dismiss: (id: number) => void }) {
  const tones = {
    success: 'border-emerald-300',
    error: 'border-red-300',
    info: 'border-brand-200',
  };
  return (
    <Toast.Provider swipeDirection="right" duration={4000}>
      {toasts.map((toast) => (
        <Toast.Root
          key={toast.id}
          type={toast.tone === 'error' ? 'foreground' : 'background'}
          onOpenChange={(open) => !open && dismiss(toast.id)}
          className={cn('rounded-card border-l-4 bg-white p-4 shadow-lg ring-1 ring-line', tones[toast.tone])}
        >
          <Toast.Title className="font-semibold">{toast.title}</Toast.Title>
          {toast.description && (
            <Toast.Description className="mt-1 text-sm text-muted">{toast.description}</Toast.Description>
          )}
          {toast.action && (
            <Toast.Action asChild altText={toast.action.label}>
              <Link
                to={toast.action.to}
                className="mt-2 inline-block text-sm font-semibold text-brand-700 hover:underline"
              >
                {toast.action.label}
              </Link>
            </Toast.Action>
          )}
        </Toast.Root>
      ))}
      <Toast.Viewport className="fixed right-0 bottom-0 z-50 flex w-full max-w-sm flex-col gap-2 p-4 outline-none" />
    </Toast.Provider>
  );
}
