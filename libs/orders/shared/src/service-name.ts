/** The name of this service: apps `orders-<role>`, its database, its events' source `/orders`. */
export const ordersServiceName = 'orders';
