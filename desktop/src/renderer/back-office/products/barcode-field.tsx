import { TextField } from '@shop/ui';
import type { ComponentProps } from 'react';

/**
 * A field to scan a barcode into. A scanner types the code and ends its burst with Enter; in a form that Enter
 * would submit it, so here Enter only ends the scan (`onScanned`) and the form stays open.
 */
export function BarcodeField({
  onScanned,
  ...props
}: ComponentProps<typeof TextField> & { onScanned?: (code: string) => void }) {
  return (
    <TextField
      inputMode="numeric"
      autoComplete="off"
      {...props}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          onScanned?.(event.currentTarget.value.trim());
        }
        props.onKeyDown?.(event);
      }}
    />
  );
}
