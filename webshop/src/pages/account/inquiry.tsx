import { cn, EmptyState, FormEnd, LoadingBlock, TextAreaField, useLocale, useMessages } from '@shop/ui';
import { inquiryReplyInputSchema, type Inquiry, type InquiryMessage } from '@shop/shared';
import { ArrowLeft, Store } from 'lucide-react';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useMyInquiry, useReplyToInquiry } from '../../api/support';
import { InquiryStatusBadge } from '../../account/inquiry-status-badge';
import { supportText } from '../../account/messages';
import { useFieldProps } from '../../auth/field-error';
import { showOnFields } from '../../auth/server-fields';
import { common } from '../../i18n/common';
import { formatDateTime } from '../../i18n/format';
import { useShopForm } from '../../ui/form';
import { Card, PageHeading } from '../../ui/page';
import { QueryError } from '../../ui/query-error';
import { useToast } from '../../ui/toast';

/** /account/support/:id: one question with the shop's answers, and a box to write again. */
export function InquiryPage() {
  const t = useMessages(supportText);
  const { id = '' } = useParams();
  const inquiry = useMyInquiry(id);

  const back = (
    <Link
      to="/account/support"
      className="mb-3 inline-flex items-center gap-1.5 text-sm font-medium text-brand-700 hover:underline"
    >
      <ArrowLeft className="size-4" aria-hidden="true" />
      {t.allThreads}
    </Link>
  );

  if (inquiry.isPending) return <LoadingBlock label={t.threadLoading} />;
  if (inquiry.isError)
    return (
      <>
        {back}
        {isApiError(inquiry.error, 404) ? (
          <EmptyState title={t.threadNotFound}>
            <p>{t.threadNotFoundText}</p>
          </EmptyState>
        ) : (
          <QueryError title={t.threadFailed} retry={inquiry.refetch} />
        )}
      </>
    );

  return (
    <>
      {back}
      <Thread inquiry={inquiry.data} />
    </>
  );
}

function Thread({ inquiry }: { inquiry: Inquiry }) {
  const t = useMessages(supportText);
  const { locale } = useLocale();
  const note = {
    open: t.openNote,
    waiting_on_customer: t.answeredNote,
    closed: t.closedNote,
  }[inquiry.status];

  return (
    <div className="max-w-3xl">
      <PageHeading title={inquiry.subject} className="mb-2 [&_h1]:break-words" />
      <div className="mb-6 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-muted">
        <InquiryStatusBadge status={inquiry.status} />
        {inquiry.orderId && inquiry.orderNumber && (
          <Link to={`/orders/${inquiry.orderId}`} className="font-medium text-brand-700 hover:underline">
            {t.aboutOrder(inquiry.orderNumber)}
          </Link>
        )}
        <span>{t.startedOn(formatDateTime(inquiry.createdAt, locale))}</span>
      </div>
      <ol className="space-y-4" aria-label={inquiry.subject}>
        {inquiry.messages.map((message) => (
          <li key={message.id}>
            <MessageBubble message={message} />
          </li>
        ))}
      </ol>
      <p role="status" className="mt-6 text-sm text-muted">
        {note}
      </p>
      <ReplyForm inquiryId={inquiry.id} />
    </div>
  );
}

function MessageBubble({ message }: { message: InquiryMessage }) {
  const t = useMessages(supportText);
  const { locale } = useLocale();
  const fromShop = message.authorKind === 'staff';
  return (
    <article
      className={cn(
        'max-w-[92%] rounded-card border p-4 shadow-sm sm:max-w-[80%]',
        fromShop ? 'mr-auto border-line bg-surface' : 'ml-auto border-brand-100 bg-brand-50',
      )}
    >
      <header className="mb-2 flex flex-wrap items-center gap-x-2 text-sm">
        {fromShop && <Store className="size-4 text-brand-600" aria-hidden="true" />}
        <span className="font-semibold">{fromShop ? t.shopStaff(message.authorName) : t.you}</span>
        <time className="text-muted" dateTime={new Date(message.createdAt).toISOString()}>
          {formatDateTime(message.createdAt, locale)}
        </time>
      </header>
      <p className="break-words whitespace-pre-wrap">{message.body}</p>
    </article>
  );
}

function ReplyForm({ inquiryId }: { inquiryId: string }) {
  const t = useMessages(supportText);
  const c = useMessages(common);
  const notify = useToast();
  const reply = useReplyToInquiry(inquiryId);
  const form = useShopForm(inquiryReplyInputSchema, { message: '' }, { failed: c.somethingWrong });
  const field = useFieldProps(form);

  const onSubmit = form.submit(async ({ message }) => {
    try {
      await reply.mutateAsync(message);
      form.reset({ message: '' });
      notify({ title: t.replied });
    } catch (error) {
      if (!showOnFields(form, error)) throw error;
    }
  });

  return (
    <Card className="mt-4">
      <form onSubmit={onSubmit} noValidate className="space-y-3">
        <TextAreaField label={t.replyLabel} rows={4} {...field('message')} />
        <FormEnd error={form.formError} busy={form.formState.isSubmitting}>
          {t.reply}
        </FormEnd>
      </form>
    </Card>
  );
}
