import { kycWebhookPayloadSchema } from '@cqrs/customers-shared';
import { kycCommand } from './kyc-intake';

const parse = (payload: unknown) => kycWebhookPayloadSchema.parse(payload);

describe('kycCommand', () => {
  it('approves with the check id as the reference', () => {
    const command = kycCommand(
      parse({ type: 'kyc.approved', data: { customerId: 'c-1', checkId: 'chk-9' } }),
    );

    expect(command).toEqual({
      method: 'POST',
      path: '/internal/customers/c-1/kyc/approve',
      body: { reference: 'chk-9' },
    });
  });

  it('approves without a reference when the provider gave no check id', () => {
    expect(kycCommand(parse({ type: 'kyc.approved', data: { customerId: 'c-1' } })).body).toEqual(
      {},
    );
  });

  it('rejects with the provider’s reason', () => {
    const command = kycCommand(
      parse({ type: 'kyc.rejected', data: { customerId: 'c-2', reason: 'document expired' } }),
    );

    expect(command).toEqual({
      method: 'POST',
      path: '/internal/customers/c-2/kyc/reject',
      body: { reason: 'document expired' },
    });
  });

  it('is only reached with valid payloads: a rejection needs a reason, an id a safe form', () => {
    const invalid = [
      { type: 'kyc.rejected', data: { customerId: 'c-1' } },
      { type: 'kyc.approved', data: { customerId: '../c-1' } },
      { type: 'kyc.pending', data: { customerId: 'c-1' } },
    ];

    expect(invalid.map((payload) => kycWebhookPayloadSchema.safeParse(payload).success)).toEqual([
      false,
      false,
      false,
    ]);
  });
});
