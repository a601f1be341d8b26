export { waitUntil } from '@cqrs/framework-core/testing';
