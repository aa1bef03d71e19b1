import { Button, FormAlert, useLocale, useMessages } from '@shop/ui';
import { useEffect, useRef, useState } from 'react';
import type { ReceiptDocument } from '../../core/receipts/desk';
import { CommandFailed, messageOf, run } from '../bridge';
import { shiftTexts } from './texts';

/**
 * The closed shift's Z report as it prints on the 80 mm roll, in the cashier's language: shown, printed on the
 * counter's receipt printer (or, with none set, through the browser's own print of this page), saved as a PDF.
 */
export function ZReport({ shiftId }: { shiftId: string }) {
  const t = useMessages(shiftTexts);
  const { locale } = useLocale();
  const [html, setHtml] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);

  useEffect(() => {
    run<ReceiptDocument>('shiftReportDocument', { shiftId, as: 'html', language: locale })
      .then((doc) => 'html' in doc && setHtml(doc.html))
      .catch((failure: unknown) => setProblem(messageOf(failure)));
  }, [shiftId, locale]);

  const print = async () => {
    try {
      const { printedOn } = await run<{ printedOn: string }>('printShiftReport', {
        shiftId,
        language: locale,
      });
      setNotice(t.printedOn(printedOn));
      setProblem(null);
    } catch (failure) {
      // No receipt printer set on this counter: the page itself goes to the system's print dialog.
      if (failure instanceof CommandFailed && failure.error.code === 'not_found')
        frame.current?.contentWindow?.print();
      else setProblem(messageOf(failure));
    }
  };

  const savePdf = async () => {
    try {
      const doc = await run<ReceiptDocument>('shiftReportDocument', { shiftId, as: 'pdf', language: locale });
      if (!('pdfBase64' in doc)) return;
      const bytes = Uint8Array.from(atob(doc.pdfBase64), (c) => c.charCodeAt(0));
      const link = document.createElement('a');
      link.href = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
      link.download = doc.fileName;
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    } catch (failure) {
      setProblem(messageOf(failure));
    }
  };

  return (
    <section className="grid min-h-0 gap-3">
      <div className="flex flex-wrap gap-2">
        <Button size="lg" onClick={() => void print()}>
          {t.print}
        </Button>
        <Button size="lg" variant="secondary" onClick={() => void savePdf()}>
          {t.pdf}
        </Button>
      </div>
      {notice && <FormAlert tone="success">{notice}</FormAlert>}
      {problem && <FormAlert>{problem}</FormAlert>}
      {html && (
        // No scripts in the report; same origin only so this page can hand it to the print dialog.
        <iframe
          ref={frame}
          title={t.reportTitle}
          srcDoc={html}
          sandbox="allow-same-origin allow-modals"
          className="h-[32rem] w-[80mm] max-w-full rounded border border-line bg-white shadow-sm"
        />
      )}
    </section>
  );
}
