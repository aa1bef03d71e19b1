import { Button, useMessages } from '@shop/ui';
import { useState } from 'react';
import { BarcodeField } from '../products/barcode-field';
import { stockTexts } from './texts';

/** Serial numbers scanned one by one: each scan (ended by the scanner's Enter) adds one, twice is refused. */
export function SerialScanner({
  serials,
  onChange,
  error,
}: {
  serials: string[];
  onChange: (serials: string[]) => void;
  error?: string | undefined;
}) {
  const t = useMessages(stockTexts);
  const [text, setText] = useState('');
  const [twice, setTwice] = useState(false);
  return (
    <div className="space-y-2">
      <BarcodeField
        label={t.serialScan}
        hint={t.serialHint}
        inputMode="text"
        value={text}
        error={twice ? t.serialTwice : error}
        onChange={(event) => {
          setText(event.target.value);
          setTwice(false);
        }}
        onScanned={(code) => {
          if (!code) return;
          if (serials.includes(code)) {
            setTwice(true);
            return;
          }
          onChange([...serials, code]);
          setText('');
        }}
      />
      <p className="text-sm font-medium" aria-live="polite">
        {t.serialCount(serials.length)}
      </p>
      {serials.length > 0 && (
        <ol className="flex flex-wrap gap-2" aria-label={t.serials}>
          {serials.map((serial) => (
            <li
              key={serial}
              className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 font-mono text-sm"
            >
              {serial}
              <Button
                size="sm"
                variant="ghost"
                aria-label={`${t.remove} ${serial}`}
                onClick={() => onChange(serials.filter((s) => s !== serial))}
              >
                ✕
              </Button>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
