export {
  failingFirst,
  hanging,
  healthy,
  startWebhookReceiver,
  type Answer,
  type ReceivedWebhook,
  type ReceiverBehaviour,
  type WebhookReceiver,
} from './webhook-receiver';
export {
  fastDeliveryEnv,
  thingEventTypes,
  thingsExtevp,
  thingsRoutes,
  writeThingEvent,
} from './things-extevp';
