/** The name of this service: apps `customers-<role>`, its database, its events' source `/customers`. */
export const customersServiceName = 'customers';
