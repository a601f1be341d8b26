import { defineService } from '@cqrs/framework-core';
import { ordersEventsTopic } from './consumed/order-events';
import { customersEventsTopic } from './events/customer-events';
import { customersCollection } from './persistence/collections';
import { customersRoutes } from './routes/customers-routes';
import { customersServiceName } from './service-name';

/**
 * The customers service as its apps and the workspace's tools read it: its name (database, app
 * names, events' source), the write model its evp, extevp and chgh follow, the topic it
 * publishes, the orders topic its evh consumes, and its routes by app.
 */
export const customersService = defineService({
  name: customersServiceName,
  writeModel: customersCollection,
  eventsTopic: customersEventsTopic,
  consumedTopic: ordersEventsTopic,
  routes: customersRoutes,
});
