import { useMessages } from '@shop/ui';
import { useId } from 'react';
import { authText } from './messages';

/** "Show password": on a phone keyboard a typo is easy and invisible behind the dots. */
export function ShowPassword({ checked, onChange }: { checked: boolean; onChange: (show: boolean) => void }) {
  const t = useMessages(authText);
  const id = useId();
  return (
    <div className="flex items-center gap-2 text-sm">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        onChange={(event) => onChange(event.target.checked)}
        className="size-4 rounded border-line accent-brand-600"
      />
      <label htmlFor={id} className="text-muted select-none">
        {t.showPassword}
      </label>
    </div>
  );
}
