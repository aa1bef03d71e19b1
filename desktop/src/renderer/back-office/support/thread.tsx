import { formatShopDateTime, type InquiryMessage, type StaffInquiry } from '@shop/shared';
import {
  Button,
  buttonClass,
  ErrorState,
  FormAlert,
  LoadingBlock,
  TextAreaField,
  useLocale,
  useMessages,
} from '@shop/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { api, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { InquiryStatusBadge } from './inquiry-status';
import { supportTexts } from './texts';

/** One inquiry: who asked, the messages, the answer (mailed to them) and closing or reopening it. */
export function Thread() {
  const { id = '' } = useParams();
  const t = useMessages(supportTexts);
  const frame = useMessages(backOfficeTexts);
  const inquiry = useQuery({
    queryKey: ['support', 'inquiry', id],
    queryFn: () => api.getInquiry({ params: { id } }),
  });
  return (
    <section className="max-w-4xl space-y-4">
      <Link to="/back-office/support" className={buttonClass('ghost', 'sm', '-ml-3')}>
        ← {t.backToInbox}
      </Link>
      {inquiry.isPending ? (
        <LoadingBlock label={t.loading} />
      ) : inquiry.isError ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(inquiry.error)}
          onRetry={() => void inquiry.refetch()}
          retryLabel={frame.retry}
        />
      ) : (
        <ThreadView inquiry={inquiry.data} />
      )}
    </section>
  );
}

function ThreadView({ inquiry }: { inquiry: StaffInquiry }) {
  const t = useMessages(supportTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const settled = (changed: StaffInquiry) => {
    queries.setQueryData(['support', 'inquiry', changed.id], changed);
    // The inbox and the customer's page show this thread's status too.
    void queries.invalidateQueries({ queryKey: ['support', 'inquiries'] });
    void queries.invalidateQueries({ queryKey: ['customers'] });
  };
  const status = useMutation({
    mutationFn: (to: 'open' | 'closed') =>
      api.setInquiryStatus({ params: { id: inquiry.id }, body: { status: to } }),
    onSuccess: (changed) => {
      setNotice(null);
      settled(changed);
    },
  });
  const { from } = inquiry;

  return (
    <>
      <header className="space-y-2">
        <div className="flex flex-wrap items-start justify-between gap-3">
          <h1 className="text-2xl font-semibold">{inquiry.subject}</h1>
          {inquiry.status === 'closed' ? (
            <Button variant="secondary" busy={status.isPending} onClick={() => status.mutate('open')}>
              {t.reopen}
            </Button>
          ) : (
            <Button variant="secondary" busy={status.isPending} onClick={() => status.mutate('closed')}>
              {t.close}
            </Button>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-muted">
          <InquiryStatusBadge status={inquiry.status} />
          <span>
            {t.from}: <span className="text-ink">{from.name}</span> &lt;{from.email}&gt; ·{' '}
            {from.kind === 'guest' ? t.guest : t.customer}
          </span>
          <span>
            {t.mailLanguage} {from.locale === 'km' ? t.khmer : t.english}
          </span>
          <span>
            {t.asked} {formatShopDateTime(inquiry.createdAt, locale)}
          </span>
          {from.userId && (
            <Link className="text-brand-700 underline" to={`/back-office/customers/${from.userId}`}>
              {t.customerPage}
            </Link>
          )}
          {inquiry.orderId && inquiry.orderNumber && (
            <Link className="text-brand-700 underline" to={`/back-office/orders/${inquiry.orderId}`}>
              {t.order(inquiry.orderNumber)}
            </Link>
          )}
        </div>
      </header>
      {status.isError && <FormAlert>{problemOf(status.error)}</FormAlert>}
      <ol aria-label={t.messages} className="space-y-3">
        {inquiry.messages.map((message) => (
          <MessageItem key={message.id} message={message} />
        ))}
      </ol>
      {notice && <FormAlert tone="success">{notice}</FormAlert>}
      {inquiry.status === 'closed' && <p className="text-sm text-muted">{t.closedNote}</p>}
      <ReplyForm
        inquiry={inquiry}
        onSent={(changed) => {
          setNotice(t.sent(from.email));
          settled(changed);
        }}
      />
    </>
  );
}

function MessageItem({ message }: { message: InquiryMessage }) {
  const t = useMessages(supportTexts);
  const { locale } = useLocale();
  const fromShop = message.authorKind === 'staff';
  return (
    <li
      data-testid="inquiry-message"
      className={`max-w-[80%] rounded-card border p-3 ${fromShop ? 'ml-auto border-brand-200 bg-brand-50' : 'border-line bg-white'}`}
    >
      <p className="mb-1 text-xs text-muted">
        <span className="font-semibold text-ink">
          {message.authorName}
          {fromShop && ` (${t.shop})`}
        </span>{' '}
        · {formatShopDateTime(message.createdAt, locale)}
      </p>
      <p className="whitespace-pre-wrap">{message.body}</p>
    </li>
  );
}

function ReplyForm({ inquiry, onSent }: { inquiry: StaffInquiry; onSent: (changed: StaffInquiry) => void }) {
  const t = useMessages(supportTexts);
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const reply = useMutation({
    mutationFn: (close: boolean) =>
      api.replyToInquiry({ params: { id: inquiry.id }, body: { message: text, close } }),
    onSuccess: (changed) => {
      setText('');
      onSent(changed);
    },
    onError: (error) => setProblem(problemOf(error)),
  });
  const send = (close: boolean) => (event?: { preventDefault(): void }) => {
    event?.preventDefault();
    setProblem(null);
    if (!text.trim()) setProblem(t.writeFirst);
    else reply.mutate(close);
  };
  const busy = reply.isPending;
  return (
    <form onSubmit={send(false)} className="space-y-3 rounded-card border border-line bg-white p-4">
      {problem && <FormAlert>{problem}</FormAlert>}
      <TextAreaField
        label={t.reply}
        hint={t.replyHint(inquiry.from.email)}
        rows={4}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
      <div className="flex justify-end gap-3">
        <Button variant="secondary" disabled={busy} onClick={send(true)}>
          {t.sendAndClose}
        </Button>
        <Button type="submit" busy={busy}>
          {t.send}
        </Button>
      </div>
    </form>
  );
}
