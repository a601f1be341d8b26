import type { V1Service } from '@kubernetes/client-node';
import { appLabels, appSelector, type AppRenderInput } from '../deploy-app';

/** The app's Service: `http://<app>:<port>` inside the namespace, the gateway's backend. */
export function serviceTemplate(input: AppRenderInput): V1Service {
  const { app, settings } = input;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.name, namespace: input.namespace, labels: appLabels(app) },
    spec: {
      type: 'ClusterIP',
      selector: appSelector(app),
      ports: [{ name: 'http', port: settings.port, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}
