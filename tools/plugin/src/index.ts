export { serviceGenerator, type ServiceSchema } from './generators/service/generator';
