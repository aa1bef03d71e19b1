import { defineMessages } from '@shop/ui';

/** Holding a sale with a note, and the list of held sales to recall. */
export const heldTexts = defineMessages({
  en: {
    holdTitle: 'Hold this sale',
    note: 'Note (to find it again)',
    noteHint: 'For example: fetching money, red shirt',
    hold: 'Hold',
    cancel: 'Cancel',
    heldSales: 'Held sales',
    noHeld: 'No held sales',
    close: 'Close',
    heldBy: (time: string, cashier: string) => `${time} · ${cashier}`,
    lines: (n: number) => `${n} line(s)`,
    noNote: 'No note',
    recall: 'Recall',
  },
  km: {
    holdTitle: 'ផ្អាកការលក់នេះ',
    note: 'កំណត់ចំណាំ (ដើម្បីរកវាវិញ)',
    noteHint: 'ឧទាហរណ៍៖ ទៅយកលុយ អាវក្រហម',
    hold: 'ផ្អាក',
    cancel: 'បោះបង់',
    heldSales: 'ការលក់ដែលបានផ្អាក',
    noHeld: 'គ្មានការលក់ដែលបានផ្អាក',
    close: 'បិទ',
    heldBy: (time: string, cashier: string) => `${time} · ${cashier}`,
    lines: (n: number) => `${n} មុខ`,
    noNote: 'គ្មានកំណត់ចំណាំ',
    recall: 'យកមកវិញ',
  },
});
