// The behaviour every PaymentGateway adapter must have. Jest globals; never imported by production code.
import { randomUUID } from 'node:crypto';
import type { PaymentGateway } from './payment-gateway';

export function paymentGatewayContract(name: string, fixture: () => Promise<PaymentGateway>): void {
  describe(`PaymentGateway contract: ${name}`, () => {
    const charge = (gateway: PaymentGateway, cardNumber: string, key = randomUUID()) => gateway.charge({ idempotencyKey: key, amount: 1000, currency: 'BDT', cardNumber, description: 'test' });

    it('approves a good card and declines the declining test cards with a reason', async () => {
      const g = await fixture();
      expect(await charge(g, '4242424242424242')).toMatchObject({ status: 'approved', paymentId: expect.any(String) });
      expect(await charge(g, '4000000000000002')).toEqual({ status: 'declined', reason: 'card_declined' });
      expect(await charge(g, '4000000000009995')).toEqual({ status: 'declined', reason: 'insufficient_funds' });
    });

    it('answers the first outcome again for a repeated idempotency key', async () => {
      const g = await fixture();
      const key = randomUUID();
      const first = await charge(g, '4242424242424242', key);
      expect(await charge(g, '4242424242424242', key)).toEqual(first);
      const declined = await charge(g, '4000000000000002', `${key}-d`);
      expect(await charge(g, '4000000000000002', `${key}-d`)).toEqual(declined);
    });

    it('refunds an approved payment', async () => {
      const g = await fixture();
      const approved = await charge(g, '4242424242424242');
      if (approved.status !== 'approved') throw new Error('expected approval');
      await expect(g.refund(approved.paymentId, 1000)).resolves.toBeUndefined();
    });
  });
}
