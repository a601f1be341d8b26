import type { V1CustomResourceDefinition } from '@kubernetes/client-node';

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
