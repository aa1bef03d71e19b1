import { describe, expect, it } from 'vitest';
import {
  aProductWithStock,
  failure,
  payAndCheck,
  placedOrder,
  useTestShopWithMail,
} from '../../../test/factory';
import { phonePhoto } from '../../../test/pictures';

/**
 * A payment screenshot shows one bank transaction, and one transaction pays one order: the same picture is flagged
 * by its hash at upload (proofs.test.ts); the same transaction in another picture is refused when staff accept it
 * with the transaction id they read on it, also when a KHQR the server saw paid carried it.
 */
const shop = useTestShopWithMail({ env: { BAKONG_POLL_MS: '3600000' } });

async function orderWithScreenshot(background: string) {
  const ram = await aProductWithStock(shop, { stock: 5, priceCents: 3000, name: 'RAM' });
  const { order, api } = await placedOrder(shop.server, { items: [{ productId: ram.id, quantity: 1 }] });
  const file = new Blob([new Uint8Array(await phonePhoto(390, 844, background))], { type: 'image/jpeg' });
  const proof = await api.uploadPaymentProof({ params: { id: order.id }, file, fileName: 'paid.jpg' });
  return { order, api, proof };
}

describe('one bank transaction pays one order', () => {
  it('a second screenshot of the same transaction (another picture) is refused on accept; the first keeps it', async () => {
    const first = await orderWithScreenshot('#112233');
    const second = await orderWithScreenshot('#445566');
    expect(
      (await shop.staff.listPaymentProofs({ query: {} })).items.find((p) => p.id === second.proof.id),
    ).toMatchObject({
      duplicateOfOrderId: null,
      transactionRef: null,
    });

    const accepted = await shop.staff.reviewPaymentProof({
      params: { id: first.proof.id },
      body: { decision: 'accept', transactionRef: 'ABA 1234 5678 90' },
    });
    expect(accepted).toMatchObject({ status: 'accepted', transactionRef: 'aba1234567890' });

    const refused = await failure(
      shop.staff.reviewPaymentProof({
        params: { id: second.proof.id },
        body: { decision: 'accept', transactionRef: 'aba1234567890' },
      }),
    );
    expect(refused).toMatchObject({
      status: 409,
      fields: { transactionRef: `already paid order ${first.order.number}` },
    });
    // Nothing changed: the screenshot still waits, the order still waits for its money.
    expect((await second.api.getOrder({ params: { id: second.order.id } })).status).toBe('pending_payment');
    expect((await shop.staff.getAdminOrder({ params: { id: second.order.id } })).proofs[0]).toMatchObject({
      status: 'pending',
      transactionRef: null,
    });
    await shop.staff.reviewPaymentProof({
      params: { id: second.proof.id },
      body: { decision: 'reject', reason: 'this transfer paid another order' },
    });
  });

  it('the Bakong hash of a KHQR the server saw paid cannot pay a second order by screenshot', async () => {
    const ram = await aProductWithStock(shop, { stock: 5, priceCents: 3000, name: 'RAM' });
    const paid = await placedOrder(shop.server, { items: [{ productId: ram.id, quantity: 1 }] });
    await payAndCheck(shop.server, (await paid.api.getOrderPayment({ params: { id: paid.order.id } })).khqr);
    const hash = (await shop.staff.getAdminOrder({ params: { id: paid.order.id } })).payments[0]!.bakongHash!;

    const other = await orderWithScreenshot('#778899');
    expect(
      await failure(
        shop.staff.reviewPaymentProof({
          params: { id: other.proof.id },
          body: { decision: 'accept', transactionRef: hash.toUpperCase() },
        }),
      ),
    ).toMatchObject({ status: 409, fields: { transactionRef: `already paid order ${paid.order.number}` } });
  });

  it('a transaction id is only for accepting, and must look like one', async () => {
    const { proof } = await orderWithScreenshot('#99aabb');
    for (const body of [
      { decision: 'reject' as const, reason: 'blurry', transactionRef: 'ABA123456' },
      { decision: 'accept' as const, transactionRef: '12' },
      { decision: 'accept' as const, transactionRef: "1'; drop table orders" },
    ])
      expect(await failure(shop.staff.reviewPaymentProof({ params: { id: proof.id }, body }))).toMatchObject({
        status: 400,
        fields: { transactionRef: expect.any(String) },
      });
  });
});
