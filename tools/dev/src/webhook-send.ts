import { postWebhook } from '@cqrs/framework-webhooks/testing';
import { resolveWebhookSecrets } from '@cqrs/tools-workspace';
import {
  parseWebhookSendRequest,
  WebhookSendUsageRequested,
} from './webhook-send/webhook-send-request';

/**
 * `npm run webhook:send -- --provider kyc --type kyc.approved --customer <id>`: signs a
 * provider webhook with the local secret (or `--secret`) and posts it to the local gateway, so
 * a person can drive the `extevh` flow by hand; prints the webhook id and the answer.
 */
async function main(argv: readonly string[]): Promise<void> {
  const request = parseWebhookSendRequest(argv);
  const secret = request.secret ?? resolveWebhookSecrets()[0];
  if (secret === undefined) throw new Error('no webhook secret to sign with');
  const answer = await postWebhook(request.url, {
    payload: request.payload,
    secrets: [secret],
    ...(request.id === undefined ? {} : { id: request.id }),
  });
  console.log(`POST ${request.url} webhook-id ${answer.id}`);
  console.log(`${answer.status} ${JSON.stringify(answer.body, null, 2) ?? ''}`);
  if (answer.status >= 400) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof WebhookSendUsageRequested) {
    console.log(error.message);
    return;
  }
  console.error(`webhook:send: ${error instanceof Error ? error.message : String(error)}`);
  console.error("run 'npm run webhook:send -- --help' for usage");
  process.exitCode = 2;
});
