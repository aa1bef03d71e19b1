import { TextField } from '@shop/ui';
import { useRef } from 'react';

/**
 * One field per unit for its serial number. A barcode scanner types the number and presses Enter: Enter moves to the
 * next unit's field instead of sending the form, so a row of units is scanned in one go.
 */
export function SerialFields({
  values,
  onChange,
  label,
  error,
}: {
  values: string[];
  onChange: (values: string[]) => void;
  label: (unit: number, of: number) => string;
  error?: string | undefined;
}) {
  const fields = useRef<(HTMLInputElement | null)[]>([]);
  return (
    <div className="space-y-2">
      {values.map((value, at) => (
        <TextField
          key={at}
          ref={(input) => {
            fields.current[at] = input;
          }}
          label={label(at + 1, values.length)}
          autoComplete="off"
          value={value}
          {...(at === values.length - 1 && error ? { error } : {})}
          onChange={(event) => onChange(values.map((old, i) => (i === at ? event.target.value : old)))}
          onKeyDown={(event) => {
            const next = fields.current[at + 1];
            if (event.key === 'Enter' && next) {
              event.preventDefault();
              next.focus();
            }
          }}
        />
      ))}
    </div>
  );
}
