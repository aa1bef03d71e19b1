import type { Locale } from '@shop/shared';

/**
 * Cambodia's capital and 24 provinces. The address keeps the English name (what delivery staff and couriers read on
 * a label); the customer picks it in their own language.
 */
export const provinces: readonly { en: string; km: string }[] = [
  { en: 'Phnom Penh', km: 'រាជធានីភ្នំពេញ' },
  { en: 'Banteay Meanchey', km: 'បន្ទាយមានជ័យ' },
  { en: 'Battambang', km: 'បាត់ដំបង' },
  { en: 'Kampong Cham', km: 'កំពង់ចាម' },
  { en: 'Kampong Chhnang', km: 'កំពង់ឆ្នាំង' },
  { en: 'Kampong Speu', km: 'កំពង់ស្ពឺ' },
  { en: 'Kampong Thom', km: 'កំពង់ធំ' },
  { en: 'Kampot', km: 'កំពត' },
  { en: 'Kandal', km: 'កណ្តាល' },
  { en: 'Kep', km: 'កែប' },
  { en: 'Koh Kong', km: 'កោះកុង' },
  { en: 'Kratie', km: 'ក្រចេះ' },
  { en: 'Mondulkiri', km: 'មណ្ឌលគិរី' },
  { en: 'Oddar Meanchey', km: 'ឧត្តរមានជ័យ' },
  { en: 'Pailin', km: 'ប៉ៃលិន' },
  { en: 'Preah Sihanouk', km: 'ព្រះសីហនុ' },
  { en: 'Preah Vihear', km: 'ព្រះវិហារ' },
  { en: 'Prey Veng', km: 'ព្រៃវែង' },
  { en: 'Pursat', km: 'ពោធិ៍សាត់' },
  { en: 'Ratanakiri', km: 'រតនគិរី' },
  { en: 'Siem Reap', km: 'សៀមរាប' },
  { en: 'Stung Treng', km: 'ស្ទឹងត្រែង' },
  { en: 'Svay Rieng', km: 'ស្វាយរៀង' },
  { en: 'Takeo', km: 'តាកែវ' },
  { en: 'Tbong Khmum', km: 'ត្បូងឃ្មុំ' },
];

/** The khans of Phnom Penh, offered as suggestions (most orders are delivered in the capital). */
export const phnomPenhKhans: readonly { en: string; km: string }[] = [
  { en: 'Boeng Keng Kang', km: 'បឹងកេងកង' },
  { en: 'Chamkar Mon', km: 'ចំការមន' },
  { en: 'Chbar Ampov', km: 'ច្បារអំពៅ' },
  { en: 'Chroy Changvar', km: 'ជ្រោយចង្វារ' },
  { en: 'Dangkao', km: 'ដង្កោ' },
  { en: 'Daun Penh', km: 'ដូនពេញ' },
  { en: 'Kamboul', km: 'កំបូល' },
  { en: 'Mean Chey', km: 'មានជ័យ' },
  { en: 'Pou Senchey', km: 'ពោធិ៍សែនជ័យ' },
  { en: 'Prampir Meakkakra', km: '៧មករា' },
  { en: 'Prek Pnov', km: 'ព្រែកព្នៅ' },
  { en: 'Russey Keo', km: 'ឬស្សីកែវ' },
  { en: 'Sen Sok', km: 'សែនសុខ' },
  { en: 'Tuol Kouk', km: 'ទួលគោក' },
];

/** A province's name in the page's language (a name not in the list is shown as it was saved). */
export function provinceName(saved: string, locale: Locale): string {
  return provinces.find((p) => p.en === saved)?.[locale] ?? saved;
}
