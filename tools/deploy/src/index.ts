export { bundleApp, bundleDirOf, type AppBundle, type BundleAppOptions } from './bundle/bundle-app';
export { deploy, type DeployOptions, type DeployReport } from './deploy/deploy';
export { rolloutStatus, type RolloutStatus } from './deploy/rollout-status';
export type { Cluster, ObjectRef } from './kube/cluster';
export { connectCluster, type ConnectOptions } from './kube/connect-cluster';
export { fieldManager, type DeployApp } from './render/deploy-app';
export { renderApps, type RenderedApp, type RenderOptions } from './render/render-apps';
export { appSettings, loadValues, type AppSettings, type Values } from './render/values';
export { httpRouteCrd } from './testing/gateway-api-crd';
