export { findPage, type Page, type PageRequest, type SortKey } from './keyset-page';
