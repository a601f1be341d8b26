import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { kycWebhookRoute } from '@cqrs/customers-shared';
import { paymentWebhookRoute } from '@cqrs/orders-shared';

/** What `npm run webhook:send` is asked to send. */
export interface WebhookSendRequest {
  /** The hook's full URL, e.g. `http://127.0.0.1:8080/hooks/kyc-provider`. */
  readonly url: string;
  readonly payload: { readonly type: string; readonly data: Record<string, string> };
  /** The secret to sign with; the local default when absent. */
  readonly secret?: string;
  /** The webhook id; a fresh one when absent (the same id again is a redelivery). */
  readonly id?: string;
}

/** The usage text of `npm run webhook:send`. */
export const webhookSendUsage = `usage: npm run webhook:send -- --provider kyc|payment --type <type> <ids and details> [options]

Signs a provider webhook the Standard Webhooks way and posts it to the local gateway.
  --provider kyc      --type kyc.approved|kyc.rejected --customer <id> [--check <id>] [--reason <text>]
  --provider payment  --type payment.succeeded|payment.failed --order <id> [--reference <ref>] [--reason <text>]
  --url      the gateway (default http://127.0.0.1:8080)
  --secret   whsec_... to sign with (default: the first of WEBHOOK_SECRETS, or the local secret)
  --id       the webhook id (default: a fresh msg_...); send the same id twice to see a redelivery

Examples:
  npm run webhook:send -- --provider kyc --type kyc.approved --customer <id>
  npm run webhook:send -- --provider payment --type payment.failed --order <id> --reason "card declined"`;

/** `--help` was asked for. */
export class WebhookSendUsageRequested extends Error {
  override readonly name = 'WebhookSendUsageRequested';
}

type Values = Readonly<Record<string, string | boolean | undefined>>;

const text = (values: Values, name: string): string | undefined => {
  const value = values[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
};

const required = (values: Values, name: string, why: string): string => {
  const value = text(values, name);
  if (value === undefined) throw new Error(`--${name} is required ${why}`);
  return value;
};

/** Each provider: its hook path and how its payload is built from the arguments. */
const providers = {
  kyc: {
    path: kycWebhookRoute.path,
    types: ['kyc.approved', 'kyc.rejected'],
    data: (type: string, values: Values): Record<string, string> => {
      const check = text(values, 'check');
      return {
        customerId: required(values, 'customer', 'for the kyc provider'),
        ...(check === undefined ? {} : { checkId: check }),
        ...(type === 'kyc.rejected'
          ? { reason: required(values, 'reason', 'for kyc.rejected') }
          : {}),
      };
    },
  },
  payment: {
    path: paymentWebhookRoute.path,
    types: ['payment.succeeded', 'payment.failed'],
    data: (type: string, values: Values): Record<string, string> => ({
      orderId: required(values, 'order', 'for the payment provider'),
      ...(type === 'payment.succeeded'
        ? { reference: text(values, 'reference') ?? `pay_${randomBytes(6).toString('hex')}` }
        : { reason: required(values, 'reason', 'for payment.failed') }),
    }),
  },
} as const;

/**
 * Reads `npm run webhook:send`'s arguments.
 *
 * @throws WebhookSendUsageRequested for `--help`; Error with a message fit to print otherwise.
 */
export function parseWebhookSendRequest(argv: readonly string[]): WebhookSendRequest {
  const { values, positionals } = parseArgs({
    args: [...argv],
    options: {
      provider: { type: 'string' },
      type: { type: 'string' },
      customer: { type: 'string' },
      check: { type: 'string' },
      order: { type: 'string' },
      reference: { type: 'string' },
      reason: { type: 'string' },
      url: { type: 'string' },
      secret: { type: 'string' },
      id: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (values.help) throw new WebhookSendUsageRequested(webhookSendUsage);
  if (positionals.length > 0) throw new Error(`unexpected argument ${positionals[0]}`);
  const name = required(values, 'provider', '(kyc or payment)');
  if (!(name in providers)) throw new Error(`--provider ${name} is not kyc or payment`);
  const provider = providers[name as keyof typeof providers];
  const type = required(values, 'type', `(${provider.types.join(' or ')})`);
  if (!(provider.types as readonly string[]).includes(type)) {
    throw new Error(`--type ${type} is not ${provider.types.join(' or ')}`);
  }
  const base = (text(values, 'url') ?? 'http://127.0.0.1:8080').replace(/\/+$/, '');
  const secret = text(values, 'secret');
  const id = text(values, 'id');
  return {
    url: `${base}${provider.path}`,
    payload: { type, data: provider.data(type, values) },
    ...(secret === undefined ? {} : { secret }),
    ...(id === undefined ? {} : { id }),
  };
}
