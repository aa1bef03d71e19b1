import { can, type Permission } from '@shop/shared';
import { useQuery } from '@tanstack/react-query';
import type { BackOfficeHolder } from '../../../core/back-office/session';
import { run } from '../../bridge';
import { holderKey } from '../api';

/**
 * Whether the person holding the back office may do this: the frame has asked already, so this reads its cached
 * answer. The server refuses anyway; the screens only leave out what would be refused.
 */
export function useCan(permission: Permission): boolean {
  const holder = useQuery({ queryKey: holderKey, queryFn: () => run<BackOfficeHolder | null>('backOffice') });
  return holder.data ? can(holder.data.role, permission) : false;
}
