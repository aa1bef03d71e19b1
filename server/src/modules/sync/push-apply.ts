import type { PushItem } from '@shop/shared';
import type { ApplyContext, Applied } from './counter-context';
import { applyReturn } from './counter-return';
import { applySale } from './sale';
import { closeShift, moveCash, openShift } from './shift';

/** Applies one pushed item of any type inside the caller's transaction (push-service.ts, parked.ts). */
export function applyItem(ctx: ApplyContext, item: PushItem): Promise<Applied> {
  switch (item.type) {
    case 'sale':
      return applySale(ctx, item);
    case 'return':
      return applyReturn(ctx, item);
    case 'shift_open':
      return openShift(ctx, item);
    case 'shift_close':
      return closeShift(ctx, item);
    case 'cash_movement':
      return moveCash(ctx, item);
  }
}
