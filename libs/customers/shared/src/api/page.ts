// Paging is the same for every service's lists.
export { cursorSchema, limitSchema, pageSchema } from '@cqrs/framework-query-handling';
