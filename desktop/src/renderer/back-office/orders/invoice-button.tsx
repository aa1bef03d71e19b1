import { Button, buttonClass, Dialog, ErrorState, LoadingBlock, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { api, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { actionTexts } from './action-texts';
import { useBlobUrl } from './blob-url';

/**
 * The order's invoice, made by the server (English and Khmer): its printable page shown in the dialog and printed
 * from there, its PDF saved with a click. Both come through the core as base64 and reach the screen as Blobs. The
 * page is shown from its text (srcdoc) rather than as a framed PDF: the window's content policy frames nothing but
 * its own origin, and the page carries no script (sandboxed) and no outside resource.
 */
export function InvoiceButton({ orderId, number }: { orderId: string; number: string }) {
  const t = useMessages(actionTexts);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t.invoice}
      </Button>
      {open && <InvoiceDialog orderId={orderId} number={number} onClose={() => setOpen(false)} />}
    </>
  );
}

function InvoiceDialog({
  orderId,
  number,
  onClose,
}: {
  orderId: string;
  number: string;
  onClose: () => void;
}) {
  const t = useMessages(actionTexts);
  const frame = useMessages(backOfficeTexts);
  const page = useRef<HTMLIFrameElement>(null);
  // Made anew each time it is opened: the invoice follows the order (lines cancelled, payments come in).
  const fresh = { gcTime: 0, staleTime: 0 };
  const html = useQuery({
    queryKey: ['invoice', orderId, 'html'],
    queryFn: async () =>
      (await api.getOrderInvoice({ params: { id: orderId }, query: { format: 'html' } })).text(),
    ...fresh,
  });
  const pdf = useQuery({
    queryKey: ['invoice', orderId, 'pdf'],
    queryFn: () => api.getOrderInvoice({ params: { id: orderId }, query: { format: 'pdf' } }),
    ...fresh,
  });
  const pdfUrl = useBlobUrl(pdf.data);
  const failed = html.error ?? pdf.error;
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t.invoiceTitle(number)}
      closeLabel={t.close}
    >
      {failed ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(failed)}
          onRetry={() => void Promise.all([html.refetch(), pdf.refetch()])}
          retryLabel={frame.retry}
        />
      ) : html.data === undefined ? (
        <LoadingBlock label={t.invoiceLoading} />
      ) : (
        <div className="space-y-3">
          {/* An A4 page (794 × 1123 CSS px) shown at 70 %, so the whole width fits the dialog; scrolled for the rest. */}
          <div className="h-[60vh] overflow-y-auto rounded-lg border border-line bg-slate-100">
            <div className="h-[787px] w-[556px]">
              <iframe
                ref={page}
                srcDoc={html.data}
                sandbox="allow-same-origin allow-modals"
                title={t.invoiceTitle(number)}
                className="h-[1123px] w-[794px] origin-top-left scale-70 bg-white"
              />
            </div>
          </div>
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => page.current?.contentWindow?.print()}>
              {t.print}
            </Button>
            {pdfUrl ? (
              <a className={buttonClass('primary')} href={pdfUrl} download={`invoice-${number}.pdf`}>
                {t.savePdf}
              </a>
            ) : (
              <Button busy>{t.savePdf}</Button>
            )}
          </div>
        </div>
      )}
    </Dialog>
  );
}
