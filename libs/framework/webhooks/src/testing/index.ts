export {
  newWebhookId,
  postWebhook,
  type PostWebhookOptions,
  type PostedWebhook,
} from './post-webhook';
export {
  extevhUnderTest,
  type ExtevhUnderTest,
  type ExtevhUnderTestSpec,
} from './extevh-under-test';
