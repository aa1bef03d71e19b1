import { Dialog, useMessages } from '@shop/ui';
import type { ReactNode } from 'react';
import { common } from '../i18n/common';

/** A panel that slides in from the side on small screens (the menu, the filters), closed with the shop's word. */
export function Sheet({
  open,
  onOpenChange,
  title,
  trigger,
  children,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  /** The button that opens it. */
  trigger: ReactNode;
  children: ReactNode;
}) {
  const c = useMessages(common);
  return (
    <Dialog
      open={open}
      onOpenChange={onOpenChange}
      title={title}
      closeLabel={c.close}
      variant="sheet"
      trigger={trigger}
    >
      {children}
    </Dialog>
  );
}
