import { Button, LoadingBlock, Skeleton, useMessages } from '@shop/ui';
import type { Inquiry } from '@shop/shared';
import { CircleCheck, Clock, Mail, MapPin, Phone, type LucideIcon } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../api/session';
import { useShopInfo } from '../api/shop';
import { InquiryForm } from '../account/inquiry-form';
import { supportText } from '../account/messages';
import { common } from '../i18n/common';
import { ButtonLink } from '../ui/button-link';
import { Card, PageHeading } from '../ui/page';

/** /contact?order=: how to reach the shop, and a form to ask something (about one of your orders, too). */
export function ContactPage() {
  const t = useMessages(supportText);
  const c = useMessages(common);
  const me = useMe();
  const [params] = useSearchParams();
  const orderId = params.get('order') ?? undefined;
  const [sent, setSent] = useState<Inquiry | null>(null);
  // A new form after each message, so "send another" starts empty.
  const [round, setRound] = useState(0);

  return (
    <>
      <PageHeading title={t.contactTitle} className="mb-2" />
      <p className="mb-6 max-w-2xl text-muted">{t.contactLead}</p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem] lg:items-start">
        <ContactDetails />
        <Card className="lg:order-first">
          {sent ? (
            <div role="status" className="py-4 text-center">
              <CircleCheck className="mx-auto mb-3 size-12 text-emerald-600" aria-hidden="true" />
              <h2 className="text-xl font-bold">{t.sentTitle}</h2>
              <p className="mx-auto mt-2 max-w-md text-muted">{me.data ? t.sentCustomer : t.sentGuest}</p>
              <div className="mt-6 flex flex-col justify-center gap-2 sm:flex-row">
                {me.data && <ButtonLink to={`/account/support/${sent.id}`}>{t.viewThread}</ButtonLink>}
                <Button
                  variant="secondary"
                  onClick={() => {
                    setSent(null);
                    setRound((n) => n + 1);
                  }}
                >
                  {t.sendAnother}
                </Button>
              </div>
            </div>
          ) : (
            <>
              <h2 className="text-lg font-bold">{t.formTitle}</h2>
              <p className="mt-1 mb-5 text-sm text-muted">{t.formLead}</p>
              {me.isPending ? (
                <LoadingBlock label={c.loading} />
              ) : (
                <InquiryForm
                  key={`${me.data?.id ?? 'guest'}:${round}`}
                  user={me.data ?? null}
                  orderId={orderId}
                  onSent={setSent}
                />
              )}
            </>
          )}
        </Card>
      </div>
    </>
  );
}

function ContactDetails() {
  const t = useMessages(supportText);
  const shop = useShopInfo();
  const contact = shop.data?.contact;
  return (
    <aside className="divide-y divide-line rounded-card border border-line bg-surface shadow-sm">
      {shop.isPending ? (
        <>
          <Skeleton className="m-4 h-12" />
          <Skeleton className="m-4 h-12" />
          <Skeleton className="m-4 h-12" />
        </>
      ) : (
        <>
          {contact?.phone && (
            <Detail icon={Phone} title={t.callUs}>
              <a
                href={`tel:${contact.phone.replace(/\s/g, '')}`}
                className="text-lg font-semibold text-brand-700"
              >
                {contact.phone}
              </a>
            </Detail>
          )}
          {contact?.email && (
            <Detail icon={Mail} title={t.emailUs}>
              <a
                href={`mailto:${contact.email}`}
                className="font-medium break-all text-brand-700 hover:underline"
              >
                {contact.email}
              </a>
            </Detail>
          )}
          {contact?.address && (
            <Detail icon={MapPin} title={t.visitUs}>
              <p>{contact.address}</p>
            </Detail>
          )}
        </>
      )}
      {contact?.hours && (
        <Detail icon={Clock} title={t.hours}>
          <p>{contact.hours}</p>
        </Detail>
      )}
    </aside>
  );
}

function Detail({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children: ReactNode }) {
  return (
    <section className="flex gap-3 p-4">
      <span className="grid size-10 shrink-0 place-items-center rounded-full bg-brand-50 text-brand-600">
        <Icon className="size-5" aria-hidden="true" />
      </span>
      <div className="min-w-0">
        <h2 className="text-sm text-muted">{title}</h2>
        {children}
      </div>
    </section>
  );
}
