import { Button, useMessages } from '@shop/ui';
import type { Cart } from '@shop/shared';
import { Tag, X } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { couponStore, looksLikeCouponCode, useCouponCode } from './coupon-store';
import { promotionText } from './messages';

/**
 * The coupon field of the cart and the checkout: a code applied is kept in this browser and the cart is priced with
 * it by the server (GET /cart?coupon=), which answers whether it applies or why not: that reason is shown here,
 * and the code stays until the customer removes it (a minimum may be reached by adding to the cart).
 */
export function CouponField({ cart }: { cart: Cart }) {
  const t = useMessages(promotionText);
  const applied = useCouponCode();
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const inputId = useId();
  const problemId = useId();
  const result = cart.promotions.coupon;
  // The answer for this code (the cart on screen may still be the one priced before it).
  const answer = result && applied && result.code.toUpperCase() === applied.toUpperCase() ? result : null;

  const apply = (event: FormEvent) => {
    event.preventDefault();
    const typed = code.trim();
    if (!looksLikeCouponCode(typed)) {
      setProblem(t.notACode);
      return;
    }
    setProblem(null);
    setCode('');
    couponStore.set(typed.toUpperCase());
  };

  if (applied)
    return (
      <div data-testid="coupon" className="space-y-1 text-sm">
        <div className="flex items-center justify-between gap-2">
          <p className="flex min-w-0 items-center gap-1.5 font-semibold">
            <Tag className="size-4 shrink-0 text-accent-600" aria-hidden="true" />
            <span className="truncate">
              {answer?.status === 'applied' ? t.couponApplied(applied) : `${t.coupon}: ${applied}`}
            </span>
          </p>
          <Button
            variant="ghost"
            size="sm"
            aria-label={t.removeCoupon(applied)}
            onClick={() => couponStore.set(null)}
          >
            <X className="size-4" aria-hidden="true" />
            {t.remove}
          </Button>
        </div>
        {answer?.status === 'refused' && (
          <p role="alert" className="text-amber-800">
            {t.refused(answer.reason)}
          </p>
        )}
      </div>
    );

  return (
    <form onSubmit={apply} className="space-y-1" noValidate>
      <label htmlFor={inputId} className="text-sm font-medium">
        {t.coupon}
      </label>
      <div className="flex gap-2">
        <input
          id={inputId}
          value={code}
          onChange={(event) => setCode(event.target.value)}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? problemId : undefined}
          className="h-10 min-w-0 flex-1 rounded-lg border border-line bg-white px-3 text-sm uppercase focus:ring-2 focus:ring-brand-500 focus:outline-none"
        />
        <Button type="submit" variant="secondary" disabled={!code.trim()}>
          {t.apply}
        </Button>
      </div>
      {problem && (
        <p id={problemId} role="alert" className="text-sm text-amber-800">
          {problem}
        </p>
      )}
    </form>
  );
}
