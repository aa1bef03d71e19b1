import { Button, buttonClass, Dialog, ErrorState, LoadingBlock, useMessages } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, problemOf } from '../api';
import { backOfficeTexts } from '../texts';
import { actionTexts } from './action-texts';
import { useBlobUrl } from './blob-url';

/**
 * The order's invoice: the server makes the PDF (English and Khmer), the core carries it back as base64 and the
 * client hands it over as a Blob; shown in the window's own PDF viewer, and saved with a click.
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
  // Made anew each time it is opened: the invoice follows the order (lines cancelled, payment come in).
  const pdf = useQuery({
    queryKey: ['invoice', orderId],
    queryFn: () => api.getOrderInvoice({ params: { id: orderId }, query: { format: 'pdf' } }),
    gcTime: 0,
    staleTime: 0,
  });
  const url = useBlobUrl(pdf.data);
  return (
    <Dialog
      open
      onOpenChange={(open) => !open && onClose()}
      title={t.invoiceTitle(number)}
      closeLabel={t.close}
    >
      {pdf.isError ? (
        <ErrorState
          title={frame.loadFailed}
          detail={problemOf(pdf.error)}
          onRetry={() => void pdf.refetch()}
          retryLabel={frame.retry}
        />
      ) : !url ? (
        <LoadingBlock label={t.invoiceLoading} />
      ) : (
        <div className="space-y-3">
          <iframe
            src={url}
            title={t.invoiceTitle(number)}
            className="h-[60vh] w-full rounded-lg border border-line"
          />
          <div className="flex justify-end gap-2">
            <a className={buttonClass('secondary')} href={url} target="_blank" rel="noreferrer">
              {t.openPdf}
            </a>
            <a className={buttonClass('primary')} href={url} download={`invoice-${number}.pdf`}>
              {t.savePdf}
            </a>
          </div>
        </div>
      )}
    </Dialog>
  );
}
