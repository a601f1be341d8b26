import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { KubeConfig, PortForward } from '@kubernetes/client-node';

/** A 127.0.0.1 port that reaches a Service's pods, as `kubectl port-forward svc/...` does. */
export interface Forwarded {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Forwards a local port to `service`'s `port` through the API server (and the kubelet's
 * streaming), one tunnel per connection to the first ready pod: how tests on the host reach an
 * app's routes that the gateway does not expose, without touching pod addresses.
 */
export async function forwardService(
  kubeconfig: string,
  namespace: string,
  service: string,
  port: number,
): Promise<Forwarded> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const forward = new PortForward(kc, true);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    forward
      .portForwardService(namespace, service, [port], socket, null, socket)
      .catch(() => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port: local } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${local}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}
