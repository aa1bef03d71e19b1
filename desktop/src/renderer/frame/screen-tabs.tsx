import { defineMessages, useMessages } from '@shop/ui';
import { ShortcutButton } from './shortcut-button';

export type CounterScreen = 'sale' | 'returns' | 'shift';

const tabTexts = defineMessages({
  en: { screens: 'Screens', sale: 'Sale', returns: 'Returns', shift: 'Shift' },
  km: { screens: 'អេក្រង់', sale: 'ការលក់', returns: 'ប្រគល់វិញ', shift: 'វេន' },
});

// F3 and F11: the keys main's sale and pay screens leave free (paying uses F5–F7, receipts F10).
const keys: Record<CounterScreen, string> = { sale: 'F1', returns: 'F3', shift: 'F11' };

/** The counter's screens, one key each: selling, returns, the shift. */
export function ScreenTabs({
  screen,
  onScreen,
}: {
  screen: CounterScreen;
  onScreen: (screen: CounterScreen) => void;
}) {
  const t = useMessages(tabTexts);
  return (
    <nav aria-label={t.screens} className="flex gap-2 border-b border-line bg-slate-50 px-4 py-1.5">
      {(Object.keys(keys) as CounterScreen[]).map((each) => (
        <ShortcutButton
          key={each}
          shortcut={keys[each]}
          variant={each === screen ? 'primary' : 'secondary'}
          onPress={() => onScreen(each)}
          className="h-11! w-40 max-[1100px]:w-32"
        >
          <span aria-current={each === screen ? 'page' : undefined}>{t[each]}</span>
        </ShortcutButton>
      ))}
    </nav>
  );
}
