import {
  ApiextensionsV1Api,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { eventually } from '@cqrs/framework-core/testing';

/**
 * A stand-in for the Gateway API's HTTPRoute CRD (which a gateway implementation installs in a
 * real cluster), so a bare control plane accepts HTTPRoutes. It serves the same group, version
 * and kind, but checks no schema. Created through the typed API, whose serializer writes
 * `x_kubernetes_preserve_unknown_fields` as `x-kubernetes-preserve-unknown-fields`.
 */
export const httpRouteCrd: V1CustomResourceDefinition = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: {
    name: 'httproutes.gateway.networking.k8s.io',
    // *.k8s.io groups are protected; the real Gateway API CRDs carry their approval the same way.
    annotations: {
      'api-approved.kubernetes.io': 'https://github.com/kubernetes-sigs/gateway-api/pull/3328',
    },
  },
  spec: {
    group: 'gateway.networking.k8s.io',
    scope: 'Namespaced',
    names: {
      kind: 'HTTPRoute',
      listKind: 'HTTPRouteList',
      plural: 'httproutes',
      singular: 'httproute',
    },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: {
          openAPIV3Schema: { type: 'object', x_kubernetes_preserve_unknown_fields: true },
        },
        subresources: { status: {} },
      },
    ],
  },
};

/** Creates {@link httpRouteCrd} on a bare control plane and waits until it is served. */
export async function installHttpRouteCrd(kc: KubeConfig): Promise<void> {
  const crds = kc.makeApiClient(ApiextensionsV1Api);
  await crds.createCustomResourceDefinition({ body: httpRouteCrd });
  await eventually(
    async () => {
      const crd = await crds.readCustomResourceDefinition({
        name: httpRouteCrd.metadata?.name ?? '',
      });
      return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')
        ? true
        : undefined;
    },
    'the HTTPRoute CRD',
    120_000,
  );
}
