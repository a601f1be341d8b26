export { buildOpenApiDocument } from './document';
export { allRoutes } from './routes';
