import { can } from '@shop/shared';
import { LoadingBlock } from '@shop/ui';
import { useQuery } from '@tanstack/react-query';
import type { BackOfficeHolder } from '../../../core/back-office/session';
import { run } from '../../bridge';
import { holderKey } from '../api';
import { MyShiftScreen } from './my-shift';
import { SalesReportScreen } from './sales-report';

/**
 * The reports area, offered to everyone who sells: the owner gets the shop's sales reports, a staff member only
 * their own shift's figures (the server refuses them the shop-wide routes anyway).
 */
export function ReportsScreen() {
  const holder = useQuery({ queryKey: holderKey, queryFn: () => run<BackOfficeHolder | null>('backOffice') });
  if (!holder.data) return <LoadingBlock label="" />;
  return can(holder.data.role, 'reports.view') ? <SalesReportScreen /> : <MyShiftScreen />;
}
