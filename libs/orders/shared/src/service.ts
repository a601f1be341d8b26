import { defineService } from '@cqrs/framework-core';
import { customersEventsTopic } from './consumed/customer-events';
import { ordersEventsTopic } from './events/order-events';
import { ordersCollection } from './persistence/collections';
import { ordersRoutes } from './routes/orders-routes';
import { ordersServiceName } from './service-name';

/**
 * The orders service as its apps and the workspace's tools read it: its name (database, app
 * names, events' source), the write model its evp, extevp and chgh follow, the topic it
 * publishes, the customers topic its evh consumes, and its routes by app.
 */
export const ordersService = defineService({
  name: ordersServiceName,
  writeModel: ordersCollection,
  eventsTopic: ordersEventsTopic,
  consumedTopic: customersEventsTopic,
  routes: ordersRoutes,
});
