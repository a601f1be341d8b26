export {
  deployLocalClusterSystem,
  localValuesFile,
  type LocalClusterSystem,
} from './local-cluster-system';
export { installHttpRouteCrd } from './gateway-api-crd';
export { runDeploy, type DeployRun } from './run-deploy';
export { registerSteadily, type LoadResult } from './steady-load';
