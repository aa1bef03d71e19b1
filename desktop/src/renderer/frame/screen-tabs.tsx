import { defineMessages, useMessages } from '@shop/ui';
import { ShortcutButton } from './shortcut-button';

export type CounterScreen = 'sale' | 'returns' | 'shift' | 'backOffice';

const tabTexts = defineMessages({
  en: { screens: 'Screens', sale: 'Sale', returns: 'Returns', shift: 'Shift', backOffice: 'Back office' },
  km: { screens: 'អេក្រង់', sale: 'ការលក់', returns: 'ប្រគល់វិញ', shift: 'វេន', backOffice: 'ការិយាល័យក្រោយ' },
});

// F3 and F11: the keys main's sale and pay screens leave free (paying uses F5–F7, receipts F10). The back office
// is not an every-minute action: no function key of its own (Tab reaches it).
const keys: Record<CounterScreen, string | undefined> = {
  sale: 'F1',
  returns: 'F3',
  shift: 'F11',
  backOffice: undefined,
};

/** The counter's screens: selling, returns, the shift (a key each), and the back office. */
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
          {...(keys[each] && { shortcut: keys[each] })}
          variant={each === screen ? 'primary' : 'secondary'}
          onPress={() => onScreen(each)}
          className="h-11! min-w-40 px-5 whitespace-nowrap! max-[1100px]:min-w-32"
        >
          <span aria-current={each === screen ? 'page' : undefined}>{t[each]}</span>
        </ShortcutButton>
      ))}
    </nav>
  );
}
