import { Badge, Button, Dialog, EmptyState, Skeleton, useLocale, useMessages } from '@shop/ui';
import { formatCambodianPhone, type Address } from '@shop/shared';
import { MapPin, Pencil, Phone, Plus, Star, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useAddresses, useDeleteAddress, useSetDefaultAddress } from '../../api/account';
import { AddressForm } from '../../account/address-form';
import { addressText } from '../../account/messages';
import { provinceName } from '@shop/shared';
import { common } from '../../i18n/common';
import { Card, PageHeading } from '../../ui/page';
import { QueryError } from '../../ui/query-error';
import { useToast } from '../../ui/toast';

/**
 * /account/addresses: saved delivery addresses. `?edit=new` or `?edit=<id>` opens the form, so the phone's back
 * button closes it.
 */
export function AddressesPage() {
  const t = useMessages(addressText);
  const notify = useToast();
  const addresses = useAddresses();
  const [params, setParams] = useSearchParams();
  const editing = params.get('edit');

  const openForm = (id: string) => setParams({ edit: id });
  const closeForm = () => setParams({}, { replace: true });

  const heading = (
    <PageHeading title={t.title}>
      {addresses.isSuccess && addresses.data.length > 0 && editing === null && (
        <Button onClick={() => openForm('new')}>
          <Plus className="size-4" aria-hidden="true" />
          {t.add}
        </Button>
      )}
    </PageHeading>
  );

  if (addresses.isPending)
    return (
      <>
        {heading}
        <div role="status" aria-label={t.loading} className="grid gap-4 md:grid-cols-2">
          <Skeleton className="h-48 rounded-card" />
          <Skeleton className="h-48 rounded-card" />
        </div>
      </>
    );
  if (addresses.isError)
    return (
      <>
        {heading}
        <QueryError title={t.loadFailed} retry={addresses.refetch} />
      </>
    );

  const list = addresses.data;
  const edited = editing && editing !== 'new' ? list.find((a) => a.id === editing) : undefined;
  const showForm = editing === 'new' || edited !== undefined;

  return (
    <>
      {heading}
      <p className="-mt-3 mb-6 text-muted">{t.lead}</p>
      {showForm && (
        <Card className="mb-6">
          <h2 className="mb-4 text-lg font-bold">{edited ? t.editTitle : t.addTitle}</h2>
          <AddressForm
            key={edited?.id ?? 'new'}
            address={edited}
            onSaved={() => {
              notify({ title: t.saved });
              closeForm();
            }}
            onCancel={closeForm}
          />
        </Card>
      )}
      {list.length === 0 && !showForm ? (
        <EmptyState title={t.none} icon={MapPin}>
          <p>{t.noneText}</p>
          <Button className="mt-5" onClick={() => openForm('new')}>
            <Plus className="size-4" aria-hidden="true" />
            {t.add}
          </Button>
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {list.map((address) => (
            <li key={address.id}>
              <AddressCard address={address} onEdit={() => openForm(address.id)} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function AddressCard({ address, onEdit }: { address: Address; onEdit: () => void }) {
  const t = useMessages(addressText);
  const c = useMessages(common);
  const { locale } = useLocale();
  const notify = useToast();
  const makeDefault = useSetDefaultAddress();
  const remove = useDeleteAddress();
  const [confirming, setConfirming] = useState(false);

  const place = [address.village, address.sangkat, address.khan].filter(Boolean).join(', ');
  return (
    <article className="flex h-full flex-col rounded-card border border-line bg-surface p-5 shadow-sm">
      <div className="mb-3 flex items-start justify-between gap-3">
        <h2 className="font-semibold break-words">{address.label}</h2>
        {address.isDefault && (
          <Badge tone="info">
            <Star className="mr-1 size-3 fill-current" aria-hidden="true" />
            {t.default}
          </Badge>
        )}
      </div>
      <address className="flex-1 space-y-0.5 text-sm leading-relaxed not-italic">
        <p className="font-medium">{address.recipient}</p>
        <p className="flex items-center gap-1.5 text-muted">
          <Phone className="size-3.5" aria-hidden="true" />
          {formatCambodianPhone(address.phone)}
        </p>
        <p>{[address.houseStreet, address.floorUnit].filter(Boolean).join(', ')}</p>
        <p>{place}</p>
        <p>{provinceName(address.province, locale)}</p>
        {address.landmark && <p className="text-muted">{address.landmark}</p>}
        {address.deliveryNotes && <p className="text-muted italic">{address.deliveryNotes}</p>}
      </address>
      <div className="mt-4 flex flex-wrap gap-2 border-t border-line pt-4">
        <Button variant="secondary" size="sm" onClick={onEdit} aria-label={t.editAddress(address.label)}>
          <Pencil className="size-3.5" aria-hidden="true" />
          {t.edit}
        </Button>
        {!address.isDefault && (
          <Button
            variant="ghost"
            size="sm"
            busy={makeDefault.isPending}
            aria-label={t.makeDefaultAddress(address.label)}
            onClick={() =>
              makeDefault.mutate(address.id, {
                onSuccess: () => notify({ title: t.defaultChanged }),
                onError: () => notify({ title: c.somethingWrong, tone: 'error' }),
              })
            }
          >
            {t.makeDefault}
          </Button>
        )}
        <Button
          variant="ghost"
          size="sm"
          className="ml-auto text-red-700 hover:bg-red-50"
          aria-label={t.deleteAddress(address.label)}
          onClick={() => setConfirming(true)}
        >
          <Trash2 className="size-3.5" aria-hidden="true" />
          {t.delete}
        </Button>
      </div>
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t.deleteTitle}
        description={t.deleteText(address.label)}
        closeLabel={c.close}
      >
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {c.cancel}
          </Button>
          <Button
            variant="danger"
            busy={remove.isPending}
            onClick={() =>
              remove.mutate(address.id, {
                onSuccess: () => {
                  setConfirming(false);
                  notify({ title: t.deleted });
                },
                onError: () => notify({ title: c.somethingWrong, tone: 'error' }),
              })
            }
          >
            {t.deleteConfirm}
          </Button>
        </div>
      </Dialog>
    </article>
  );
}
