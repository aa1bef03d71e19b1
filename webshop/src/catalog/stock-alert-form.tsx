import { Button, EmailField, FormAlert, useLocale, useMessages } from '@shop/ui';
import { stockAlertInputSchema, type ProductDetail } from '@shop/shared';
import { BellRing, CircleCheck } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useAskForStockAlert } from '../api/catalog';
import { isApiError } from '../api/client';
import { useMe } from '../api/session';
import { useFieldProps } from '../auth/field-error';
import { showOnFields } from '../auth/server-fields';
import { useShopForm } from '../ui/form';
import { afterSaleText } from './after-sale-messages';
import { catalogText } from './messages';

/**
 * "Email me when it is back" on an out-of-stock product (issue 15). The server answers the same for every address,
 * so the confirmation only repeats the address typed; a signed-in customer finds theirs filled in.
 */
export function StockAlertForm({ product }: { product: ProductDetail }) {
  const me = useMe();
  // Keyed on the customer, so the address is filled in once the session has loaded.
  return <AlertForm key={me.data?.id ?? 'visitor'} product={product} email={me.data?.email ?? ''} />;
}

function AlertForm({ product, email }: { product: ProductDetail; email: string }) {
  const t = useMessages(afterSaleText);
  const c = useMessages(catalogText);
  const { locale } = useLocale();
  const ask = useAskForStockAlert(product.id);
  const form = useShopForm(stockAlertInputSchema, { email }, { failed: t.alertFailed });
  const field = useFieldProps(form);
  const [doneFor, setDoneFor] = useState<string | null>(null);
  // Opened from the wishlist's "Email me when it is back" (#stock-alert-title): the form is drawn only once the
  // product has loaded, after the router looked for the anchor, so it is brought into view here.
  useEffect(() => {
    if (window.location.hash === '#stock-alert-title')
      document.getElementById('stock-alert-title')?.scrollIntoView({ block: 'center' });
  }, []);

  const onSubmit = form.submit(async (values) => {
    try {
      await ask.mutateAsync({ email: values.email, locale });
      setDoneFor(values.email);
    } catch (error) {
      if (isApiError(error, 429)) return form.setFormError(t.alertTooMany);
      if (!showOnFields(form, error)) form.setFormError(t.alertFailed);
    }
  });

  if (doneFor) {
    return (
      <p
        role="status"
        className="flex items-start gap-2 rounded-lg bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
      >
        <CircleCheck className="mt-0.5 size-4 shrink-0" aria-hidden="true" />
        <span className="min-w-0 break-words">{t.alertDone(doneFor)}</span>
      </p>
    );
  }

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="stock-alert-title" className="space-y-3">
      <div className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900">
        <h2 id="stock-alert-title" className="flex items-center gap-2 font-semibold">
          <BellRing className="size-4 shrink-0" aria-hidden="true" />
          {t.alertTitle}
        </h2>
        <p className="mt-1">{t.alertLead}</p>
      </div>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <EmailField label={t.alertEmail} className="min-w-0 flex-1" {...field('email')} />
        <Button type="submit" busy={form.formState.isSubmitting} className="sm:mt-6">
          {t.alertSend}
        </Button>
      </div>
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <p className="text-sm text-muted">
        {t.orAsk}{' '}
        <Link to="/contact" className="font-semibold text-brand-700 underline">
          {c.contactUs}
        </Link>
      </p>
    </form>
  );
}
