import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { CoreV1Api, KubeConfig, PortForward } from '@kubernetes/client-node';
import type { V1Pod } from '@kubernetes/client-node';

/** A 127.0.0.1 port that reaches a Service's pods, as `kubectl port-forward svc/...` does. */
export interface Forwarded {
  readonly url: string;
  close(): Promise<void>;
}

/** What this module uses of client-node's tunnel (a `ws` WebSocket, whose types are not here). */
interface Tunnel {
  once(event: 'close' | 'error', listener: () => void): unknown;
  close(): void;
}

/** A pod that can take a new connection: Ready, and not on its way out. */
const serving = (pod: V1Pod) =>
  !pod.metadata?.deletionTimestamp &&
  (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/**
 * Forwards a local port to `service`'s `port` through the API server (and the kubelet's
 * streaming), one tunnel per connection to a serving pod of the Service (Ready and not
 * terminating, re-resolved per connection, so a rollout moves new connections to the new
 * pods): how tests on the host reach an app's routes that the gateway does not expose, without
 * touching pod addresses. The local connection lives exactly as long as its tunnel: a tunnel
 * that closes or reports an error (pod gone, connection refused) ends it, so an HTTP client
 * never waits for an answer on a keep-alive connection whose far end is gone.
 */
export async function forwardService(
  kubeconfig: string,
  namespace: string,
  service: string,
  port: number,
): Promise<Forwarded> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const forward = new PortForward(kc, true);
  const servingPod = async () => {
    const { spec } = await core.readNamespacedService({ name: service, namespace });
    const labelSelector = Object.entries(spec?.selector ?? {})
      .map(([key, value]) => `${key}=${value}`)
      .join(',');
    if (!labelSelector) throw new Error(`Service ${namespace}/${service} has no selector`);
    const { items } = await core.listNamespacedPod({ namespace, labelSelector });
    const pod = items.find(serving)?.metadata?.name;
    if (!pod) throw new Error(`Service ${namespace}/${service} has no serving pod`);
    return pod;
  };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    // The kubelet reports a failed forward (e.g. connection refused) on the error stream, whose
    // first frame is only the port number (an empty chunk once client-node strips it).
    const errors = new Writable({
      write(chunk: Buffer, _encoding, done) {
        if (chunk.length > 0) socket.destroy();
        done();
      },
    });
    servingPod()
      .then((pod) => forward.portForward(namespace, pod, [port], socket, errors, socket))
      .then((opened) => {
        if (typeof opened === 'function') throw new Error('a restartable tunnel was not asked for');
        const tunnel = opened as unknown as Tunnel;
        if (socket.destroyed) return tunnel.close();
        tunnel.once('close', () => socket.destroy());
        tunnel.once('error', () => socket.destroy());
        socket.once('close', () => tunnel.close());
      })
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
