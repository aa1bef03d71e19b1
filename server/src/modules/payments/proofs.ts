import {
  can,
  paymentProofMaxBytes,
  type FileAnswer,
  type OrderStatus,
  type PaymentProof,
  type PaymentProofReviewInput,
  type PaymentProofReviewItem,
  type PaymentProofStatus,
} from '@shop/shared';
import type { Db } from '../../db/database';
import { pageAnswer } from '../../db/paging';
import { newId } from '../../db/ids';
import type { OrderTable, PaymentProofTable } from '../../db/schema';
import { inTransaction, type Tx } from '../../db/transaction';
import { Conflict, Invalid, NotFound } from '../../http/errors';
import { MAX_PICTURE_PIXELS, type Pictures } from '../../storage/images';
import type { FileStorage } from '../../storage/storage';
import { explainLimit, type IncomingUpload } from '../../storage/upload';
import { enforceLimits, type Limit } from '../accounts/rate-limit';
import type { SignedInUser } from '../accounts/sessions';
import { recordAudit, type Actor } from '../audit/audit';
import { openOrder, type OrderViewer } from '../orders/access';
import type { OrderMailer } from '../orders/notifications';
import { findOrderRow } from '../orders/repo';
import { transitionOrder } from '../orders/service';
import { noticePaymentProof } from '../notifications/producers';
import { claimTransaction } from './proof-transactions';
import {
  countProofsOf,
  decideProof,
  findProof,
  findReviewItem,
  insertProof,
  pageOfReviewItems,
  proofsOf,
  proofsWithImage,
  type ReviewRow,
} from './proofs-repo';

/**
 * Payment screenshots: the fallback when a KHQR payment cannot be confirmed through Bakong. A screenshot never
 * changes its order by itself; an order becomes paid only when staff accept one (or a Bakong check matches).
 * Screenshots show customers' bank details: stored under proofs/ (never served publicly) and shown only to the
 * order's customer and staff. The same picture sent for a second order is flagged to staff (a reused screenshot).
 * A guest sends one with the token of the order's link (no account: `uploaded_by` stays empty) and sees it with the
 * same token.
 */
export interface ProofDeps {
  db: Db;
  storage: FileStorage;
  mailer: OrderMailer;
  pictures: Pictures;
  /** Screenshots one customer (or one guest order), and one client address, may send in an hour. */
  perHour: { user: number; address: number };
}

export const PAYMENT_PROOF_LIMITS = { maxBytes: paymentProofMaxBytes, maxPixels: MAX_PICTURE_PIXELS };
/** Enough for a customer's honest second and third tries; bounds what one order can put in storage. */
export const MAX_PROOFS_PER_ORDER = 10;

/**
 * Every screenshot is decoded, so customers (and addresses: several accounts from one phone) send only so many an
 * hour. A customer needs one or two per order; an address may be a shop's Wi-Fi or a carrier's shared address.
 * A guest has no account: their order stands in for it, so one leaked link cannot fill every guest's allowance.
 */
export const proofUploadLimits = (
  sender: OrderViewer,
  orderId: string,
  actor: Actor,
  perHour: ProofDeps['perHour'],
): Limit[] => [
  {
    bucket: sender.kind === 'user' ? `upload:proof:user:${sender.user.id}` : `upload:proof:order:${orderId}`,
    max: perHour.user,
    windowMs: 60 * 60_000,
  },
  { bucket: `upload:proof:ip:${actor.ip ?? 'unknown'}`, max: perHour.address, windowMs: 60 * 60_000 },
];

export async function uploadPaymentProof(
  { db, storage, pictures, perHour }: ProofDeps,
  orderId: string,
  upload: IncomingUpload<undefined>,
  sender: OrderViewer,
  actor: Actor,
): Promise<PaymentProof> {
  // The order first and the file after: a screenshot for someone else's order (a wrong token), or a paid one, is
  // refused before a byte of it is read.
  waitingForPayment(await senderOrder(db, orderId, sender));
  await enforceLimits(db, proofUploadLimits(sender, orderId, actor, perHour)).catch(
    explainLimit('You have sent as many screenshots as the shop takes in an hour: please try again later'),
  );
  const { file } = await upload.receive();
  if (!file) throw new Invalid('Choose a screenshot to upload', { file: 'required' });
  const image = await pictures.inspect(file.path, PAYMENT_PROOF_LIMITS);
  const proofId = newId();
  const key = proofKey(orderId, proofId);
  // The file first, then the row that points at it: a proof in the queue always has its picture.
  await storage.put(key, image.webp, 'image/webp');
  try {
    const { proof, stored } = await inTransaction(db, async (tx) => {
      const order = waitingForPayment((await findOrderRow(tx, orderId))!);
      const sameImage = await proofsWithImage(tx, image.sha256);
      // The same file again for the same order, still waiting: a retried upload, answered with the first.
      const retried = sameImage.find((p) => p.order_id === order.id && p.status === 'pending');
      if (retried) return { proof: retried, stored: false };
      if ((await countProofsOf(tx, order.id)) >= MAX_PROOFS_PER_ORDER)
        throw new Conflict('This order has as many screenshots as it can have: please contact the shop', {
          file: `at most ${MAX_PROOFS_PER_ORDER} screenshots per order`,
        });
      const now = Date.now();
      const row: PaymentProofTable = {
        id: proofId,
        order_id: order.id,
        uploaded_by: sender.kind === 'user' ? sender.user.id : null,
        storage_key: key,
        sha256: image.sha256,
        status: 'pending',
        duplicate_of_order_id: sameImage.find((p) => p.order_id !== order.id)?.order_id ?? null,
        reason: null,
        reviewed_by: null,
        reviewed_at: null,
        created_at: now,
      };
      await insertProof(tx, row);
      await noticePaymentProof(tx, order);
      await recordAudit(
        tx,
        actor,
        {
          action: 'payment_proof.upload',
          entity: 'payment_proof',
          entityId: row.id,
          after: {
            orderId: order.id,
            sha256: row.sha256,
            fileName: file.originalName.slice(0, 200),
            byGuest: sender.kind === 'guest',
            duplicateOfOrderId: row.duplicate_of_order_id,
          },
        },
        now,
      );
      return { proof: row, stored: true };
    });
    if (!stored) await storage.delete(key).catch(() => undefined);
    return toPaymentProof(proof);
  } catch (error) {
    await storage.delete(key).catch(() => undefined);
    throw error;
  }
}

/** The screenshots of one order, newest first: for its customer and staff, or the holder of its guest link. */
export async function listOrderPaymentProofs(
  db: Db,
  orderId: string,
  viewer: OrderViewer,
): Promise<{ items: PaymentProof[] }> {
  const order =
    viewer.kind === 'user'
      ? visibleOrder(await findOrderRow(db, orderId), viewer.user)
      : await openOrder(db, orderId, viewer);
  return { items: (await proofsOf(db, order.id)).map(toPaymentProof) };
}

export async function paymentProofImage(
  { db, storage }: ProofDeps,
  proofId: string,
  viewer: SignedInUser,
): Promise<FileAnswer> {
  const proof = await findProof(db, proofId);
  const order = visibleOrder(proof && (await findOrderRow(db, proof.order_id)), viewer, 'payment screenshot');
  const file = await storage.get(proof!.storage_key);
  if (!file) throw new NotFound('There is no such payment screenshot');
  return {
    contentType: 'image/webp',
    body: file.body,
    fileName: `payment-${order.number}.webp`,
    cache: 'private',
  };
}

/** The verification queue (pending, oldest first) or what was decided (newest decision first). */
export async function listPaymentProofs(
  db: Db,
  query: { status: PaymentProofStatus; page: number; pageSize: number },
) {
  return pageAnswer(await pageOfReviewItems(db, query.status, query), toReviewItem, query);
}

/**
 * Staff decide once. Accepting pays the order in the same transaction (its reserved stock is sold): through
 * payment review, as the state machine has staff confirm money. Rejecting leaves the order as it is and mails the
 * customer why.
 */
export async function reviewPaymentProof(
  { db, mailer }: ProofDeps,
  proofId: string,
  input: PaymentProofReviewInput,
  reviewer: SignedInUser,
  actor: Actor,
): Promise<PaymentProofReviewItem> {
  const status = input.decision === 'accept' ? 'accepted' : 'rejected';
  await inTransaction(db, async (tx) => {
    const now = Date.now();
    const proof = await findProof(tx, proofId);
    if (!proof) throw new NotFound('There is no such payment screenshot');
    const decided = await decideProof(tx, proof.id, {
      status,
      reason: status === 'rejected' ? input.reason! : null,
      reviewed_by: reviewer.id,
      reviewed_at: now,
    });
    if (!decided)
      throw new Conflict('This payment screenshot was reviewed already', { decision: 'already reviewed' });
    const order = (await findOrderRow(tx, proof.order_id))!;
    const transactionRef = input.transactionRef
      ? await claimTransaction(tx, proof.id, input.transactionRef)
      : null;
    if (status === 'accepted') await payOrder(mailer, tx, order, reviewer, actor);
    else await mailer.mail(tx, order, 'payment-proof-rejected', { reason: input.reason! });
    await recordAudit(
      tx,
      actor,
      {
        action: `payment_proof.${status}`,
        entity: 'payment_proof',
        entityId: proof.id,
        before: { status: 'pending' },
        after: { status, reason: input.reason ?? null, orderId: order.id, transactionRef },
      },
      now,
    );
  });
  return toReviewItem(await findReviewItem(db, proofId));
}

const PAID_BY_PROOF = 'payment proof accepted';

async function payOrder(
  mailer: OrderMailer,
  tx: Tx,
  order: OrderTable,
  reviewer: SignedInUser,
  actor: Actor,
): Promise<void> {
  const status = order.status as OrderStatus;
  if (status !== 'pending_payment' && status !== 'payment_review')
    throw new Conflict(
      `This order is ${status.replace(/_/g, ' ')}: a screenshot can no longer pay it. Reject the screenshot instead.`,
      { decision: `order is ${status.replace(/_/g, ' ')}` },
    );
  const step = {
    orderId: order.id,
    actor: 'staff' as const,
    actorId: reviewer.id,
    reason: PAID_BY_PROOF,
    ip: actor.ip,
  };
  if (status === 'pending_payment') await transitionOrder(tx, { ...step, to: 'payment_review' }, mailer);
  await transitionOrder(tx, { ...step, to: 'paid' }, mailer);
}

export function toReviewItem(row: ReviewRow): PaymentProofReviewItem {
  const currency = row.currency === 'KHR' ? 'KHR' : 'USD';
  return {
    ...toPaymentProof(row),
    orderId: row.order_id,
    orderNumber: row.order_number,
    orderStatus: row.order_status as OrderStatus,
    // As the order's KHQR asked for it: whole riel for KHR orders, cents for USD ones.
    amount: currency === 'KHR' ? Number(row.total_khr) : Number(row.total_cents),
    currency,
    customer: { id: row.customer_id, name: row.customer_name, email: row.customer_email },
    sentByGuest: row.uploaded_by === null,
    duplicateOfOrderId: row.duplicate_of_order_id,
    duplicateOfOrderNumber: row.duplicate_of_order_number,
    reviewedBy: row.reviewed_by ? { id: row.reviewed_by, name: row.reviewer_name ?? '' } : null,
    transactionRef: row.transaction_ref ?? null,
  };
}

function toPaymentProof(row: PaymentProofTable): PaymentProof {
  return {
    id: row.id,
    status: row.status as PaymentProofStatus,
    reason: row.reason,
    uploadedAt: Number(row.created_at),
    reviewedAt: row.reviewed_at === null ? null : Number(row.reviewed_at),
  };
}

/** The order a screenshot is sent for: the customer's own, or the one the guest's token opens; else 404. */
async function senderOrder(db: Db, orderId: string, sender: OrderViewer): Promise<OrderTable> {
  if (sender.kind === 'user') return ownOrder(await findOrderRow(db, orderId), sender.user);
  return openOrder(db, orderId, sender);
}

/** The caller's own order; anyone else's is "not found", as order ids reveal nothing. */
function ownOrder(order: OrderTable | undefined, user: SignedInUser): OrderTable {
  if (!order || order.user_id !== user.id) throw new NotFound('There is no such order');
  return order;
}

/** The order for its customer or staff; "not found" for everyone else. */
function visibleOrder(order: OrderTable | undefined, viewer: SignedInUser, what = 'order'): OrderTable {
  if (!order || (order.user_id !== viewer.id && !can(viewer.role, 'orders.manage')))
    throw new NotFound(`There is no such ${what}`);
  return order;
}

function waitingForPayment(order: OrderTable): OrderTable {
  if (order.status !== 'pending_payment' && order.status !== 'payment_review')
    throw new Conflict(`This order is ${order.status.replace(/_/g, ' ')}: it is not waiting for payment`);
  return order;
}

// Order and proof ids are ULIDs; storage keys are lower case.
const proofKey = (orderId: string, proofId: string) =>
  `proofs/${orderId.toLowerCase()}/${proofId.toLowerCase()}.webp`;
