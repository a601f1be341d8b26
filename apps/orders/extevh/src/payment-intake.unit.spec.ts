import { paymentWebhookPayloadSchema } from '@cqrs/orders-shared';
import { paymentCommand } from './payment-intake';

const parse = (payload: unknown) => paymentWebhookPayloadSchema.parse(payload);

describe('paymentCommand', () => {
  it('records a success with the provider’s reference', () => {
    const command = paymentCommand(
      parse({ type: 'payment.succeeded', data: { orderId: 'o-1', reference: 'pay-7' } }),
    );

    expect(command).toEqual({
      method: 'POST',
      path: '/internal/orders/o-1/payment-succeeded',
      body: { reference: 'pay-7' },
    });
  });

  it('records a failure with the provider’s reason', () => {
    const command = paymentCommand(
      parse({ type: 'payment.failed', data: { orderId: 'o-2', reason: 'card declined' } }),
    );

    expect(command).toEqual({
      method: 'POST',
      path: '/internal/orders/o-2/payment-failed',
      body: { reason: 'card declined' },
    });
  });

  it('is only reached with valid payloads: a success needs a reference, a failure a reason', () => {
    const invalid = [
      { type: 'payment.succeeded', data: { orderId: 'o-1' } },
      { type: 'payment.failed', data: { orderId: 'o-1', reference: 'pay-1' } },
      { type: 'payment.refunded', data: { orderId: 'o-1' } },
    ];

    expect(
      invalid.map((payload) => paymentWebhookPayloadSchema.safeParse(payload).success),
    ).toEqual([false, false, false]);
  });
});
