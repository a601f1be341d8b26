export { cacheRoot, ensureClusterBinaries, type ClusterBinaries } from './binaries';
export { startControlPlane, type ControlPlane, type ControlPlaneOptions } from './control-plane';
export { kwokNodeAnnotation } from './nodes';
export { ComponentError } from './processes';
export { neverReadyTag } from './stages';
export type { ClusterVersions } from './versions';
