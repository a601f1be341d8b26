import type { KubernetesObject, V1Deployment } from '@kubernetes/client-node';
import { buildRouteTable, gatewayProbePaths, type GatewayRouteSource } from '@cqrs/tools-workspace';
import type { AppRenderInput, DeployApp } from './deploy-app';
import { configMapTemplate } from './templates/config-map';
import { deploymentTemplate } from './templates/deployment';
import { httpRouteTemplate } from './templates/http-route';
import { autoscalerTemplate, disruptionBudgetTemplate } from './templates/scaling';
import { serviceTemplate } from './templates/service';
import { appSettings, type Values } from './values';

export interface RenderOptions {
  readonly values: Values;
  /** Every app of the system (siblings get each other's URLs); see `discoverApps`. */
  readonly apps: readonly DeployApp[];
  /** Every service's route declarations, as the local gateway gets them. */
  readonly routes: readonly GatewayRouteSource[];
  readonly imageTag: string;
  /** Overrides `values.namespace`. */
  readonly namespace?: string;
}

/** One app's objects, in the order they are applied. */
export interface RenderedApp {
  readonly app: DeployApp;
  readonly deployment: V1Deployment;
  readonly objects: readonly KubernetesObject[];
}

/**
 * Every kind the renderer makes: what a deploy considers the app's own, and what it removes when
 * the app's settings stop rendering it.
 */
export const managedKinds = [
  { apiVersion: 'v1', kind: 'ConfigMap' },
  { apiVersion: 'v1', kind: 'Service' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute' },
] as const;

// Docker's tag grammar.
const imageTag = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Renders the Kubernetes objects of `selected` apps (all when omitted) from one template per
 * kind and each app's settings (deploy/values.yaml): ConfigMap, Service, Deployment, then, where
 * they apply, HorizontalPodAutoscaler, PodDisruptionBudget and HTTPRoute.
 *
 * @throws Error for an invalid image tag or settings, or routes the gateway could not route.
 */
export function renderApps(options: RenderOptions, selected?: readonly DeployApp[]): RenderedApp[] {
  if (!imageTag.test(options.imageTag))
    throw new Error(`invalid image tag ${JSON.stringify(options.imageTag)}`);
  const { values } = options;
  const table = buildRouteTable(options.routes, { reservedPaths: gatewayProbePaths });
  const namespace = options.namespace ?? values.namespace;
  return (selected ?? options.apps).map((app) => {
    const input: AppRenderInput = {
      app,
      settings: appSettings(values, app),
      namespace,
      image: `${values.image.repository}/${app.name}:${options.imageTag}`,
      imageTag: options.imageTag,
      pullPolicy: values.image.pullPolicy,
      siblings: options.apps.filter((a) => a.service === app.service),
    };
    const configMap = configMapTemplate(input);
    const deployment = deploymentTemplate(input, configMap.metadata?.name as string);
    const optional = [
      autoscalerTemplate(input),
      disruptionBudgetTemplate(input),
      httpRouteTemplate(input, table.routes, values.gateway),
    ].filter((o): o is NonNullable<typeof o> => o !== undefined);
    return {
      app,
      deployment,
      objects: [configMap, serviceTemplate(input), deployment, ...optional],
    };
  });
}
