export { localInfraManifests, type LocalInfraOptions } from './local-infra';
export {
  localMongoUrl,
  localNamespace,
  localSecrets,
  type LocalSecretsInput,
} from './local-secrets';
