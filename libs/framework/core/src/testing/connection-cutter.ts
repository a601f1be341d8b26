import net from 'node:net';

/** A listener that refuses to serve: see {@link connectionCutter}. */
export interface ConnectionCutter {
  /** Resolves once the port is bound. */
  readonly listening: Promise<void>;
  /** How many connections were cut so far. */
  readonly connections: () => number;
  readonly close: () => Promise<void>;
}

/**
 * Listens on `port` in place of a stopped app, cutting every connection at once (the caller
 * sees a network error) and counting them: proof that someone keeps trying.
 */
export function connectionCutter(port: number): ConnectionCutter {
  let connections = 0;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.destroy();
  });
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    listening,
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
