export {
  findPage,
  keysetAfter,
  keysetValues,
  type Page,
  type PageRequest,
  type SortKey,
} from './keyset-page';
export {
  cursorSchema,
  limitSchema,
  pageQueryShape,
  pageQuerySchema,
  pageSchema,
} from './page-schemas';
export { readHeadersSchema } from './read-headers';
export { startQueryHandlingApp } from './query-handling-app';
