export { cacheRoot, ensureClusterBinaries, type ClusterBinaries } from './binaries';
export { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane';
export { kwokNodeAnnotation } from './nodes';
export { ComponentError } from './processes';
export { ensureHostPackages } from './host-packages';
export { neverReadyTag } from './stages';
export type { ClusterVersions } from './versions';
export { ensureGatewayApiCrds } from './gateway/gateway-api-crds';
export { ensureTraefikBinary } from './gateway/traefik-binary';
export { traefikImageSpec } from './gateway/traefik-image';
export { traefikManifests, type TraefikManifestOptions } from './gateway/traefik-manifests';
export {
  binaryImage,
  buildAppImages,
  ensureEngineImage,
  ensureKafkaImage,
  ensureNodeBaseImage,
  imageStore,
  loadImages,
  type BinaryImageSpec,
  type BuiltImage,
  type ImageStore,
} from './images';
export {
  localInfraManifests,
  localMongoUrl,
  localNamespace,
  localSecrets,
  type LocalInfraOptions,
  type LocalSecretsInput,
} from './manifests';
