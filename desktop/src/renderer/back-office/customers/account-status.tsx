import type { UserStatus } from '@shop/shared';
import { Badge, useMessages } from '@shop/ui';
import { accountStatusText } from './texts';

const tones = { unverified: 'warning', active: 'success', disabled: 'danger' } as const;

export function AccountStatusBadge({ status }: { status: UserStatus }) {
  const t = useMessages(accountStatusText);
  return <Badge tone={tones[status]}>{t[status]}</Badge>;
}
