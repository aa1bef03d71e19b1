import { cn } from '@shop/ui';
import { Tabs } from 'radix-ui';
import type { ReactNode } from 'react';

const tabClass = cn(
  'flex-1 rounded-md px-3 py-2 text-sm font-semibold text-muted transition-colors',
  'data-[state=active]:bg-white data-[state=active]:text-ink data-[state=active]:shadow-sm',
);

export interface FormTab {
  value: string;
  label: string;
  form: ReactNode;
}

/** Ways in, one form a tab (sign in, sign up, as a guest): the first tab is open at the start. */
export function FormTabs({ label, tabs }: { label: string; tabs: FormTab[] }) {
  return (
    <Tabs.Root defaultValue={tabs[0]?.value}>
      <Tabs.List aria-label={label} className="mb-5 flex gap-1 rounded-lg bg-slate-100 p-1">
        {tabs.map((tab) => (
          <Tabs.Trigger key={tab.value} value={tab.value} className={tabClass}>
            {tab.label}
          </Tabs.Trigger>
        ))}
      </Tabs.List>
      {tabs.map((tab) => (
        <Tabs.Content key={tab.value} value={tab.value} className="focus:outline-none">
          {tab.form}
        </Tabs.Content>
      ))}
    </Tabs.Root>
  );
}
