import {
  Button,
  EmailField,
  FormAlert,
  SelectField,
  TextAreaField,
  TextField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { openInquiryInputSchema, type Inquiry, type User } from '@shop/shared';
import { Link } from 'react-router';
import { useMyOrders } from '../api/account';
import { isApiError } from '../api/client';
import { useOpenInquiry } from '../api/support';
import { useFieldProps } from '../auth/field-error';
import { showOnFields } from '../auth/server-fields';
import { common } from '../i18n/common';
import { formatDate } from '../i18n/format';
import { useShopForm } from '../ui/form';
import { supportText } from './messages';

/** Orders offered in the "about an order" list: the recent ones (older ones can still come with `?order=`). */
const ORDER_CHOICES = 50;

/**
 * A question to the shop. A signed-in customer writes as their account and may pick one of their orders; a guest
 * leaves a name and an email address for the answer.
 */
export function InquiryForm({
  user,
  orderId,
  onSent,
}: {
  user: User | null;
  /** The order asked about (from `?order=`), chosen in advance. */
  orderId?: string;
  onSent: (inquiry: Inquiry) => void;
}) {
  const t = useMessages(supportText);
  const c = useMessages(common);
  const { locale } = useLocale();
  const open = useOpenInquiry();
  const orders = useMyOrders(1, ORDER_CHOICES, { enabled: user !== null });
  const form = useShopForm(
    openInquiryInputSchema,
    user ? { subject: '', message: '', orderId } : { subject: '', message: '', name: '', email: '' },
    { failed: c.somethingWrong },
  );
  const field = useFieldProps(form);
  const orderList = orders.data?.items ?? [];

  const onSubmit = form.submit(async (values) => {
    try {
      onSent(await open.mutateAsync({ ...values, locale }));
    } catch (error) {
      if (isApiError(error, 429)) return form.setFormError(t.tooMany);
      if (!showOnFields(form, error)) throw error;
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {user ? (
        <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-muted">
          {t.asCustomer(user.name, user.email)}
        </p>
      ) : (
        <>
          <p className="rounded-lg bg-slate-50 px-4 py-3 text-sm text-muted">
            {t.guestNote}{' '}
            <Link
              to={`/login?next=${encodeURIComponent(`/contact${orderId ? `?order=${orderId}` : ''}`)}`}
              className="font-semibold text-brand-700 hover:underline"
            >
              {t.signIn}
            </Link>
          </p>
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label={t.name} autoComplete="name" {...field('name')} />
            <EmailField label={t.email} {...field('email')} />
          </div>
        </>
      )}
      {user && orders.isSuccess && (orderList.length > 0 || orderId) && (
        <SelectField
          label={t.order}
          {...field('orderId', { setValueAs: (v: string | undefined) => v || undefined })}
        >
          <option value="">{t.noOrder}</option>
          {orderId && !orderList.some((o) => o.id === orderId) && <option value={orderId}>{orderId}</option>}
          {orderList.map((order) => (
            <option key={order.id} value={order.id}>
              {order.number} · {formatDate(order.createdAt, locale)}
            </option>
          ))}
        </SelectField>
      )}
      <TextField label={t.subject} {...field('subject')} />
      <TextAreaField label={t.message} hint={t.messageHint} rows={6} {...field('message')} />
      {form.formError && <FormAlert>{form.formError}</FormAlert>}
      <Button type="submit" size="lg" busy={form.formState.isSubmitting} className="w-full sm:w-auto">
        {t.send}
      </Button>
    </form>
  );
}
