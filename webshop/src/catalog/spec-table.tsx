import { useMessages } from '@shop/ui';
import type { ProductDetail } from '@shop/shared';
import { LocalText } from './local-text';
import { catalogText } from './messages';

/** Every specification of a product, label beside value. */
export function SpecTable({ specs }: { specs: ProductDetail['specs'] }) {
  const t = useMessages(catalogText);
  if (specs.length === 0) return <p className="text-muted">{t.noSpecs}</p>;
  return (
    <table className="w-full overflow-hidden rounded-card text-sm ring-1 ring-line">
      <tbody>
        {specs.map((spec) => (
          <tr key={spec.key} className="border-b border-line last:border-0 even:bg-slate-50/70">
            <th scope="row" className="w-2/5 px-4 py-2.5 text-left align-top font-medium text-muted">
              <LocalText en={spec.label} km={spec.labelKm} />
            </th>
            <td className="px-4 py-2.5 font-medium break-words text-ink">
              <LocalText en={spec.display} km={spec.displayKm} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
