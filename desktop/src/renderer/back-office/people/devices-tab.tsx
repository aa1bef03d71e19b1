import { formatShopDateTime, type CreatedDevice, type Device } from '@shop/shared';
import { Badge, Button, Dialog, FormAlert, TextField, useLocale, useMessages } from '@shop/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { SyncStatus } from '../../../core/sync/status';
import { run } from '../../bridge';
import { api, isApiError, problemOf } from '../api';
import { PagedList, type Column } from '../paged-list';
import { ConfirmButton } from './confirm';
import { peopleTexts } from './texts';
import { asOnePage } from './whole-list';

/** The shop's counters: when each was last seen and synced, what it still holds; pair a new one, revoke one. */
export function DevicesTab() {
  const t = useMessages(peopleTexts);
  const { locale } = useLocale();
  const queries = useQueryClient();
  const [revoked, setRevoked] = useState(false);
  const devices = useQuery({ queryKey: ['devices'], queryFn: () => api.listDevices({}), select: asOnePage });
  // The counter this back office runs in: revoking it stops its own syncing, so it is marked and asks more plainly.
  const here = useQuery({ queryKey: ['counter-status'], queryFn: () => run<SyncStatus>('status') });
  const thisCounter = here.data?.deviceId ?? null;
  const revoke = useMutation({
    mutationFn: (id: string) => api.revokeDevice({ params: { id } }),
    onSuccess: () => {
      setRevoked(true);
      void queries.invalidateQueries({ queryKey: ['devices'] });
    },
  });
  const when = (at: number | null) => (at ? formatShopDateTime(at, locale) : t.never);

  const columns: Column<Device>[] = [
    {
      key: 'name',
      header: t.device,
      cell: (device) => (
        <span className="flex items-center gap-2">
          <span className="font-medium">{device.name}</span>
          {device.id === thisCounter && (
            <Badge tone="info" className="whitespace-nowrap">
              {t.thisCounter}
            </Badge>
          )}
        </span>
      ),
    },
    {
      key: 'status',
      header: t.status,
      cell: (device) => (
        <Badge
          tone={device.status === 'paired' ? 'success' : device.status === 'revoked' ? 'danger' : 'info'}
        >
          {t.deviceStatus(device.status)}
        </Badge>
      ),
    },
    { key: 'seen', header: t.lastSeen, cell: (device) => when(device.lastSeenAt) },
    { key: 'sync', header: t.lastSync, cell: (device) => when(device.lastSyncAt) },
    { key: 'pending', header: t.pending, align: 'right', cell: (device) => device.pendingCount },
    {
      key: 'parked',
      header: t.parked,
      align: 'right',
      cell: (device) =>
        device.parkedCount > 0 ? <Badge tone="warning">{device.parkedCount}</Badge> : device.parkedCount,
    },
    { key: 'version', header: t.version, cell: (device) => device.appVersion ?? '—' },
    {
      key: 'actions',
      header: '',
      cell: (device) =>
        device.status === 'revoked' ? null : (
          <ConfirmButton
            label={t.revokeDevice}
            variant="danger"
            question={
              device.id === thisCounter ? t.confirmRevokeThis(device.name) : t.confirmRevoke(device.name)
            }
            busy={revoke.isPending && revoke.variables === device.id}
            onConfirm={() => revoke.mutate(device.id)}
          />
        ),
    },
  ];

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-3">
        <p className="text-muted">{t.devicesLead}</p>
        <PairDialog onMade={() => void queries.invalidateQueries({ queryKey: ['devices'] })} />
      </div>
      {revoked && <FormAlert tone="success">{t.revoked}</FormAlert>}
      {revoke.isError && <FormAlert>{problemOf(revoke.error)}</FormAlert>}
      <PagedList
        label={t.tabDevices}
        query={devices}
        columns={columns}
        rowKey={(d) => d.id}
        onPage={() => {}}
      />
    </div>
  );
}

/** Names the new counter and shows its one-time code large, to be read out or typed at the new counter. */
function PairDialog({ onMade }: { onMade: () => void }) {
  const t = useMessages(peopleTexts);
  const { locale } = useLocale();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (deviceName: string) => api.createDevice({ body: { name: deviceName } }),
    onSuccess: onMade,
  });
  const made: CreatedDevice | undefined = create.data;
  const fields = isApiError(create.error) ? create.error.fields : {};
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          create.reset();
          setName('');
        }
      }}
      title={made ? t.codeFor(made.device.name) : t.pairTitle}
      closeLabel={t.closeDialog}
      trigger={<Button>{t.pairNew}</Button>}
    >
      {made ? (
        <div className="space-y-3 text-center">
          <p
            data-testid="pairing-code"
            className="rounded-card bg-slate-100 py-6 font-mono text-6xl font-bold tracking-[0.2em] select-all"
          >
            {made.pairingCode}
          </p>
          <p>{t.codeHow}</p>
          <p className="text-muted">{t.codeUntil(formatShopDateTime(made.expiresAt, locale))}</p>
        </div>
      ) : (
        <form
          className="space-y-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate(name);
          }}
        >
          <TextField
            label={t.counterName}
            value={name}
            error={fields.name}
            onChange={(event) => setName(event.target.value)}
          />
          {create.isError && !fields.name && <FormAlert>{problemOf(create.error)}</FormAlert>}
          <div className="flex justify-end">
            <Button type="submit" busy={create.isPending}>
              {t.makeCode}
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
