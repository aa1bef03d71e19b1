import { useMessages } from '@shop/ui';
import { ChevronDown, ShieldCheck } from 'lucide-react';
import { afterSaleText } from './after-sale-messages';

/**
 * The warranty terms under a product (issue 15): how long, what is covered, what is not and how to claim, so a buyer
 * knows before paying what the shop will do later. Folded by default; a plain <details> opens without script.
 */
export function WarrantyTerms({ months }: { months: number }) {
  const t = useMessages(afterSaleText);
  return (
    <details className="group mt-10 rounded-card border border-line bg-surface shadow-sm">
      <summary className="flex cursor-pointer list-none items-center gap-2 p-4 text-lg font-bold sm:px-5 [&::-webkit-details-marker]:hidden">
        <ShieldCheck className="size-5 shrink-0 text-emerald-600" aria-hidden="true" />
        <span className="flex-1">{t.warrantyTitle}</span>
        <ChevronDown
          className="size-5 shrink-0 transition-transform group-open:rotate-180"
          aria-hidden="true"
        />
      </summary>
      <div className="border-t border-line p-4 text-sm leading-relaxed text-slate-700 sm:px-5">
        {months === 0 ? (
          <p>{t.warrantyNone}</p>
        ) : (
          <>
            <p className="font-medium text-ink">{t.warrantyCovers(months)}</p>
            <div className="mt-4 grid gap-5 md:grid-cols-3">
              <Terms title={t.coveredTitle} items={[t.covered1, t.covered2]} />
              <Terms
                title={t.notCoveredTitle}
                items={[t.notCovered1, t.notCovered2, t.notCovered3, t.notCovered4, t.notCovered5]}
              />
              <Terms title={t.claimTitle} items={[t.claim1, t.claim2, t.claim3]} ordered />
            </div>
          </>
        )}
      </div>
    </details>
  );
}

function Terms({ title, items, ordered }: { title: string; items: readonly string[]; ordered?: boolean }) {
  const List = ordered ? 'ol' : 'ul';
  return (
    <section>
      <h3 className="mb-2 font-semibold text-ink">{title}</h3>
      <List className={`space-y-1 pl-5 ${ordered ? 'list-decimal' : 'list-disc'}`}>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </List>
    </section>
  );
}
