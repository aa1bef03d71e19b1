import { Button, Dialog, useMessages } from '@shop/ui';
import { useEffect, useState } from 'react';
import type { CounterStaff } from '../../core/staff/sign-in';
import { messageOf, run } from '../bridge';
import { PinPad } from '../sign-in/pin-pad';
import { saleTexts } from './texts';

/**
 * A discount over the cashier's limit: an admin at the counter picks themselves and types their PIN (checked by the
 * core as sign-in checks it); the refused change is then made again. Only admins whose PIN works here are listed.
 */
export function ApprovalDialog({
  open,
  reason,
  onApproved,
  onClose,
}: {
  open: boolean;
  /** The core's refusal, in the cashier's language: what was over the limit. */
  reason: string | null;
  onApproved: () => void;
  onClose: () => void;
}) {
  const t = useMessages(saleTexts);
  const [admins, setAdmins] = useState<CounterStaff[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    run<CounterStaff[]>('counterStaff')
      .then((staff) => {
        const ready = staff.filter((person) => person.role === 'admin' && person.pinReady);
        setAdmins(ready);
        setChosen(ready.length === 1 ? ready[0]!.id : null);
      })
      .catch((failure: unknown) => setError(messageOf(failure)));
  }, [open]);

  const approve = async (pin: string) => {
    if (!chosen) return setError(t.pickAdmin);
    setBusy(true);
    try {
      await run('approveDiscount', { staffId: chosen, pin });
      onApproved();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => !next && onClose()}
      title={t.approvalTitle}
      description={t.approvalHint(reason)}
      closeLabel={t.close}
    >
      <div className="grid gap-3">
        <div role="radiogroup" aria-label={t.admin} className="flex flex-wrap gap-2">
          {admins.length === 0 && <p className="text-muted">{t.noAdminHere}</p>}
          {admins.map((admin) => (
            <Button
              key={admin.id}
              role="radio"
              aria-checked={chosen === admin.id}
              variant={chosen === admin.id ? 'primary' : 'secondary'}
              className="h-12 min-w-40 text-lg"
              onClick={() => setChosen(admin.id)}
            >
              {admin.name}
            </Button>
          ))}
        </div>
        <PinPad
          onSubmit={(pin) => void approve(pin)}
          error={error}
          busy={busy}
          submitLabel={t.approve}
          compact
        />
      </div>
    </Dialog>
  );
}
