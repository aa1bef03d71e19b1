import { cn } from '@shop/ui';
import { Toast } from 'radix-ui';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { Link } from 'react-router';

interface ToastMessage {
  id: number;
  title: string;
  description?: string;
  tone: 'success' | 'error' | 'info';
  /** A link offered with the notice, e.g. "View cart" after adding to it. */
  action?: { label: string; to: string };
}

type Notify = (message: Omit<ToastMessage, 'id' | 'tone'> & { tone?: ToastMessage['tone'] }) => void;

const ToastContext = createContext<Notify | null>(null);

/**
 * Short notices ("Added to cart") announced to screen readers, on Radix's toast primitive. It sits inside the router
 * (in the layout) so a notice can carry a link.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  const notify = useCallback<Notify>((message) => {
    setToasts((list) => [...list.slice(-2), { id: Date.now() + Math.random(), tone: 'success', ...message }]);
  }, []);
  const tones = {
    success: 'border-emerald-300',
    error: 'border-red-300',
    info: 'border-brand-200',
  };
  return (
    <ToastContext.Provider value={notify}>
      <Toast.Provider swipeDirection="right" duration={4000}>
        {children}
        {toasts.map((toast) => (
          <Toast.Root
            key={toast.id}
            type={toast.tone === 'error' ? 'foreground' : 'background'}
            onOpenChange={(open) => !open && setToasts((list) => list.filter((t) => t.id !== toast.id))}
            className={cn(
              'rounded-card border-l-4 bg-white p-4 shadow-lg ring-1 ring-line',
              tones[toast.tone],
            )}
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
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error('useToast outside ToastProvider');
  return notify;
}
