export { startWebhookReceiver, subscribeToAll } from './webhook-receiver';
export { runWorkload } from './workload';
