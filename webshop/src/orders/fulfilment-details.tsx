import { useMessages } from '@shop/ui';
import { formatCambodianPhone, type Order, type ShopInfo } from '@shop/shared';
import { Clock, MapPin, Phone, Store, Truck } from 'lucide-react';
import { useShopInfo } from '../api/shop';
import { orderText } from './messages';

/** Where the goods go: the shop's counter (with its address) or the customer's delivery address. */
export function FulfilmentDetails({ order }: { order: Order }) {
  const t = useMessages(orderText);
  const contact = useShopInfo().data?.contact;
  const pickup = order.fulfilment === 'pickup';
  const Icon = pickup ? Store : Truck;
  return (
    <div className="space-y-2 text-sm">
      <h2 className="flex items-center gap-2 text-base font-bold">
        <Icon className="size-5 text-brand-600" aria-hidden="true" />
        {pickup ? t.pickupTitle : t.deliveryTitle}
      </h2>
      {pickup ? (
        <ShopCounter contact={contact} />
      ) : (
        order.deliveryAddress && <DeliveryAddress address={order.deliveryAddress} />
      )}
      {order.note && <Note label={t.note} text={order.note} />}
    </div>
  );
}

type ShopContact = ShopInfo['contact'];

function ShopCounter({ contact }: { contact: ShopContact | undefined }) {
  const t = useMessages(orderText);
  return (
    <>
      <p className="text-muted">{t.pickupText}</p>
      {contact?.address && (
        <p className="flex gap-2">
          <MapPin className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden="true" />
          {contact.address}
        </p>
      )}
      {contact?.hours && (
        <p className="flex gap-2">
          <Clock className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden="true" />
          {contact.hours}
        </p>
      )}
      {contact?.phone && (
        <p className="flex gap-2">
          <Phone className="mt-0.5 size-4 shrink-0 text-muted" aria-hidden="true" />
          <a href={`tel:${contact.phone.replace(/\s/g, '')}`} className="text-brand-700 hover:underline">
            {contact.phone}
          </a>
        </p>
      )}
    </>
  );
}

function DeliveryAddress({ address }: { address: NonNullable<Order['deliveryAddress']> }) {
  return (
    <address className="not-italic">
      <p className="font-semibold">{address.recipient}</p>
      <p>{formatCambodianPhone(address.phone)}</p>
      {address.lines.map((line) => (
        <p key={line} className="text-muted">
          {line}
        </p>
      ))}
    </address>
  );
}

function Note({ label, text }: { label: string; text: string }) {
  return (
    <div className="mt-3 border-t border-line pt-3">
      <p className="font-medium">{label}</p>
      <p className="whitespace-pre-line text-muted">{text}</p>
    </div>
  );
}
