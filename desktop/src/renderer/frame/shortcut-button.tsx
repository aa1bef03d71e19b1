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
      className={cn('relative h-14 min-w-0 px-3 text-base whitespace-normal!', className)}
    >
      <span className="leading-tight">{children}</span>
      {/* In the corner, so a long Khmer label keeps the whole width of the button. */}
      {shortcut && (
        <kbd className="absolute top-1 right-1.5 rounded border border-current/30 px-1 font-mono text-[0.65rem] leading-4 opacity-80">
          {shortcut}
        </kbd>
      )}
    </Button>
  );
}
