import { Button, useMessages } from '@shop/ui';
import { useMutation } from '@tanstack/react-query';
import { FlaskConical } from 'lucide-react';
import { paymentText } from './messages';

/**
 * Plays the customer's bank app on a demo shop: the Bakong stand-in's /dev/pay marks the QR paid, exactly as a real
 * payment would appear to the shop. The page is not told: it sees the payment when its polling does.
 */
async function payWithStandin(qr: string): Promise<void> {
  const response = await fetch('/bakong-standin/dev/pay', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ qr }),
  });
  if (!response.ok) {
    const answer = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(answer?.error?.message ?? `HTTP ${response.status}`);
  }
}

export function DemoPay({ qr }: { qr: string }) {
  const t = useMessages(paymentText);
  const pay = useMutation({ mutationFn: () => payWithStandin(qr) });
  return (
    <div className="rounded-card border-2 border-dashed border-violet-300 bg-violet-50 p-4 text-sm text-violet-950">
      <p className="flex items-center gap-2 font-semibold">
        <FlaskConical className="size-4" aria-hidden="true" />
        {t.demoLabel}
      </p>
      <p className="mt-1">{t.demoText}</p>
      <Button
        variant="secondary"
        className="mt-3 border-violet-300 text-violet-900 hover:bg-violet-100"
        busy={pay.isPending}
        disabled={pay.isSuccess}
        onClick={() => pay.mutate()}
      >
        {t.demoPay}
      </Button>
      <div aria-live="polite">
        {pay.isSuccess && <p className="mt-2 font-medium">{t.demoSent}</p>}
        {pay.isError && (
          <p className="mt-2 text-red-700">
            {t.demoFailed} {pay.error.message}
          </p>
        )}
      </div>
    </div>
  );
}
