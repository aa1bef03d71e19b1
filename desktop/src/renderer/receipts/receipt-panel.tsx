import type { CounterPolicy } from '@shop/shared';
import { Button, FormAlert, TextField, useLocale, useMessages } from '@shop/ui';
import { useEffect, useState, type FormEvent } from 'react';
import type { ReceiptDocument } from '../../core/receipts/desk';
import type { PrinterSetting } from '../../core/receipts/printer-setting';
import type { IssuedVatInvoice } from '../../core/receipts/vat-invoices';
import { messageOf, run } from '../bridge';
import { DocumentFrame, printFrame, useFrame } from './document-frame';
import { downloadPdf, htmlOf } from './documents';
import { receiptTexts } from './texts';

/**
 * One committed sale's receipt: the preview on the shop's paper (counter policy), the browser's print of it, the
 * receipt printer (a reprint never opens the drawer), the PDF, and a VAT invoice on request with the buyer's name
 * and TIN.
 */
export function ReceiptPanel({ receiptNumber }: { receiptNumber: string }) {
  const t = useMessages(receiptTexts);
  const { locale } = useLocale();
  const frame = useFrame();
  const [paper, setPaper] = useState<CounterPolicy['receiptPaper'] | null>(null);
  const [printer, setPrinter] = useState<PrinterSetting | null>(null);
  const [preview, setPreview] = useState<ReceiptDocument | null>(null);
  const [invoice, setInvoice] = useState<{ issued: IssuedVatInvoice; page: ReceiptDocument } | null>(null);
  const [asking, setAsking] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    void (async () => {
      try {
        const policy = await run<CounterPolicy>('counterPolicy');
        const format = policy.receiptPaper;
        const [page, setting] = await Promise.all([
          run<ReceiptDocument>('receiptDocument', { receiptNumber, format, as: 'html', language: locale }),
          run<PrinterSetting>('printerSettings'),
        ]);
        if (!live) return;
        setPaper(format);
        setPreview(page);
        setPrinter(setting);
      } catch (failure) {
        if (live) setProblem(messageOf(failure));
      }
    })();
    return () => {
      live = false;
    };
  }, [receiptNumber, locale]);

  /** Runs one action; its failure is said on the panel and leaves everything as it was. */
  const act = async (action: () => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    try {
      await action();
    } catch (failure) {
      setProblem(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  const pdf = () =>
    act(async () => {
      const document = invoice
        ? await run<ReceiptDocument>('vatInvoiceDocument', { receiptNumber, as: 'pdf' })
        : await run<ReceiptDocument>('receiptDocument', {
            receiptNumber,
            format: paper,
            as: 'pdf',
            language: locale,
          });
      downloadPdf(document);
    });
  const reprint = () =>
    act(async () => {
      const { printedOn } = await run<{ printedOn: string }>('printReceipt', { receiptNumber });
      setNotice(t.printedOn(printedOn));
    });
  const issue = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const tin = String(form.get('tin') ?? '').trim();
    void act(async () => {
      const issued = await run<IssuedVatInvoice>('issueVatInvoice', {
        receiptNumber,
        buyer: { name: String(form.get('name') ?? ''), ...(tin && { tin }) },
      });
      const page = await run<ReceiptDocument>('vatInvoiceDocument', { receiptNumber, as: 'html' });
      setInvoice({ issued, page });
      setAsking(false);
    });
  };

  const title = invoice ? t.invoice(invoice.issued.number) : t.preview(receiptNumber);
  return (
    <section className="flex min-h-0 flex-col gap-3" aria-label={title}>
      <h3 className="text-lg font-bold" data-testid="document-title">
        {title}
      </h3>
      {problem && <FormAlert>{problem}</FormAlert>}
      {notice && <FormAlert tone="success">{notice}</FormAlert>}
      {asking ? (
        <form onSubmit={issue} className="grid gap-3">
          <TextField name="name" label={t.buyerName} required maxLength={120} autoFocus />
          <TextField name="tin" label={t.buyerTin} maxLength={40} />
          <div className="flex gap-2">
            <Button type="submit" busy={busy}>
              {t.issue}
            </Button>
            <Button variant="secondary" onClick={() => setAsking(false)}>
              {t.back}
            </Button>
          </div>
        </form>
      ) : paper && preview ? (
        <DocumentFrame
          frameRef={frame}
          title={title}
          html={htmlOf(invoice ? invoice.page : preview)}
          paper={invoice ? 'a4' : paper}
        />
      ) : (
        !problem && <p className="text-muted">{t.loading}</p>
      )}
      {!asking && (
        <div className="flex flex-wrap gap-2">
          <Button size="lg" onClick={() => printFrame(frame.current)} disabled={!preview}>
            {t.print}
          </Button>
          <Button size="lg" variant="secondary" onClick={() => void pdf()} busy={busy} disabled={!paper}>
            {t.pdf}
          </Button>
          {printer && printer.kind !== 'none' && !invoice && (
            <Button size="lg" variant="secondary" onClick={() => void reprint()} busy={busy}>
              {t.reprint}
            </Button>
          )}
          {invoice ? (
            <Button size="lg" variant="ghost" onClick={() => setInvoice(null)}>
              {t.back}
            </Button>
          ) : (
            <Button size="lg" variant="secondary" onClick={() => setAsking(true)}>
              {t.vatInvoice}
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
