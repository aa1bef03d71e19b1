import { Button, cn, type ButtonVariant } from '@shop/ui';
import type { ReactNode } from 'react';
import { useShortcut } from './shortcuts';

/**
 * A big counter button with its function key shown on it; the key works while the button can be pressed, so what
 * the cashier sees is what the key does.
 */
export function ShortcutButton({
  shortcut,
  onPress,
  disabled = false,
  busy = false,
  variant = 'secondary',
  className,
  children,
}: {
  shortcut?: string;
  onPress: () => void;
  disabled?: boolean;
  busy?: boolean;
  variant?: ButtonVariant;
  className?: string;
  children: ReactNode;
}) {
  useShortcut(shortcut, onPress, !disabled && !busy);
  return (
    <Button
      variant={variant}
      size="lg"
      onClick={onPress}
      disabled={disabled}
      busy={busy}
      aria-keyshortcuts={shortcut}
      className={cn('h-14 min-w-0 justify-between text-base', className)}
    >
      <span className="truncate">{children}</span>
      {shortcut && (
        <kbd className="rounded border border-current/30 px-1.5 py-0.5 font-mono text-xs opacity-80">
          {shortcut}
        </kbd>
      )}
    </Button>
  );
}
