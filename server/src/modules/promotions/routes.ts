import type { Db } from '../../db/database';
import type { Handlers } from '../../http/routes';
import {
  createCoupon,
  createPromotion,
  deleteCoupon,
  deletePromotion,
  getCoupon,
  getPromotion,
  listCoupons,
  listFlaggedSales,
  listPromotions,
  livePromotions,
  setCouponPaused,
  setPromotionPaused,
  updateCoupon,
  updatePromotion,
} from './service';

export function promotionHandlers(
  db: Db,
): Handlers<
  | 'getLivePromotions'
  | 'listPromotions'
  | 'getPromotion'
  | 'createPromotion'
  | 'updatePromotion'
  | 'pausePromotion'
  | 'resumePromotion'
  | 'deletePromotion'
  | 'listFlaggedSales'
  | 'listCoupons'
  | 'getCoupon'
  | 'createCoupon'
  | 'updateCoupon'
  | 'pauseCoupon'
  | 'resumeCoupon'
  | 'deleteCoupon'
> {
  return {
    getLivePromotions: () => livePromotions(db),
    listPromotions: () => listPromotions(db),
    getPromotion: ({ params }) => getPromotion(db, params.id),
    createPromotion: ({ actor, body }) => createPromotion(db, actor, body),
    updatePromotion: ({ actor, params, body }) => updatePromotion(db, actor, params.id, body),
    pausePromotion: ({ actor, params }) => setPromotionPaused(db, actor, params.id, true),
    resumePromotion: ({ actor, params }) => setPromotionPaused(db, actor, params.id, false),
    deletePromotion: ({ actor, params }) => deletePromotion(db, actor, params.id),
    listFlaggedSales: () => listFlaggedSales(db),
    listCoupons: () => listCoupons(db),
    getCoupon: ({ params }) => getCoupon(db, params.id),
    createCoupon: ({ actor, body }) => createCoupon(db, actor, body),
    updateCoupon: ({ actor, params, body }) => updateCoupon(db, actor, params.id, body),
    pauseCoupon: ({ actor, params }) => setCouponPaused(db, actor, params.id, true),
    resumeCoupon: ({ actor, params }) => setCouponPaused(db, actor, params.id, false),
    deleteCoupon: ({ actor, params }) => deleteCoupon(db, actor, params.id),
  };
}
