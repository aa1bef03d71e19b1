import { createContext, lazy, Suspense, useCallback, useContext, useState, type ReactNode } from 'react';

export interface ToastMessage {
  id: number;
  title: string;
  description?: string;
  tone: 'success' | 'error' | 'info';
  /** A link offered with the notice, e.g. "View cart" after adding to it. */
  action?: { label: string; to: string };
}

type Notify = (message: Omit<ToastMessage, 'id' | 'tone'> & { tone?: ToastMessage['tone'] }) => void;

const ToastContext = createContext<Notify | null>(null);

/** Radix's toast code, loaded with the first notice: a page that never shows one does without it. */
const ToastList = lazy(async () => ({ default: (await import('./toast-list')).ToastList }));

/**
 * Short notices ("Added to cart") announced to screen readers, on Radix's toast primitive. It sits inside the router
 * (in the layout) so a notice can carry a link.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<ToastMessage[]>([]);
  // Once shown, the list stays mounted (its live region too), so later notices do not wait for anything.
  const [shown, setShown] = useState(false);
  const notify = useCallback<Notify>((message) => {
    setShown(true);
    setToasts((list) => [...list.slice(-2), { id: Date.now() + Math.random(), tone: 'success', ...message }]);
  }, []);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((t) => t.id !== id)), []);
  return (
    <ToastContext.Provider value={notify}>
      {children}
      {shown && (
        <Suspense fallback={null}>
          <ToastList toasts={toasts} dismiss={dismiss} />
        </Suspense>
      )}
    </ToastContext.Provider>
  );
}

export function useToast(): Notify {
  const notify = useContext(ToastContext);
  if (!notify) throw new Error('useToast outside ToastProvider');
  return notify;
}
