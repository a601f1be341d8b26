import { parseWebhookSendRequest, WebhookSendUsageRequested } from './webhook-send-request';

describe('parseWebhookSendRequest', () => {
  it('builds a KYC approval for the local gateway', () => {
    const request = parseWebhookSendRequest([
      '--provider',
      'kyc',
      '--type',
      'kyc.approved',
      '--customer',
      'c-1',
      '--check',
      'chk-1',
    ]);

    expect(request).toEqual({
      url: 'http://127.0.0.1:8080/hooks/kyc-provider',
      payload: { type: 'kyc.approved', data: { customerId: 'c-1', checkId: 'chk-1' } },
    });
  });

  it('builds a payment failure for another URL, with the secret and id given', () => {
    const request = parseWebhookSendRequest([
      '--provider=payment',
      '--type=payment.failed',
      '--order=o-1',
      '--reason=card declined',
      '--url=http://localhost:9000/',
      '--secret=whsec_abc=',
      '--id=msg_1',
    ]);

    expect(request).toEqual({
      url: 'http://localhost:9000/hooks/payment-provider',
      payload: { type: 'payment.failed', data: { orderId: 'o-1', reason: 'card declined' } },
      secret: 'whsec_abc=',
      id: 'msg_1',
    });
  });

  it('makes up a payment reference when none is given', () => {
    const request = parseWebhookSendRequest([
      '--provider=payment',
      '--type=payment.succeeded',
      '--order=o-1',
    ]);

    expect(request.payload.data.reference).toMatch(/^pay_[0-9a-f]{12}$/);
  });

  it.each([
    [['--type=kyc.approved', '--customer=c-1'], /--provider is required/],
    [['--provider=bank', '--type=x'], /--provider bank is not kyc or payment/],
    [['--provider=kyc', '--type=payment.failed', '--customer=c-1'], /is not kyc.approved or/],
    [['--provider=kyc', '--type=kyc.approved'], /--customer is required/],
    [['--provider=kyc', '--type=kyc.rejected', '--customer=c-1'], /--reason is required/],
    [['--provider=payment', '--type=payment.failed', '--order=o-1'], /--reason is required/],
    [['--provider=kyc', 'extra'], /unexpected argument extra/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseWebhookSendRequest(argv)).toThrow(message);
  });

  it('answers --help with the usage', () => {
    expect(() => parseWebhookSendRequest(['--help'])).toThrow(WebhookSendUsageRequested);
  });
});
