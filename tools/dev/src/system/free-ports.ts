import net from 'node:net';

/** Listens on host:port and hands the bound server back, or undefined when the port is taken. */
function tryListen(host: string, port: number): Promise<net.Server | undefined> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(undefined);
      else reject(error);
    });
    server.listen({ host, port, exclusive: true }, () => resolve(server));
  });
}

const close = (server: net.Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** Whether nothing listens on host:port right now. */
export async function portFree(host: string, port: number): Promise<boolean> {
  const server = await tryListen(host, port);
  if (server === undefined) return false;
  await close(server);
  return true;
}

export interface FreePortsOptions {
  readonly host: string;
  /** Take the first free ports from here up; without it the system picks ephemeral ones. */
  readonly basePort?: number;
  /** Ports never to hand out (e.g. the gateway's). */
  readonly exclude?: readonly number[];
}

/**
 * Finds `count` distinct ports that are free on `host` now. Each is held until all are found,
 * so no two are the same; between this and the app listening another process could still take
 * one, which the app then reports when it fails to bind.
 *
 * @throws Error when not enough ports are free above `basePort`.
 */
export async function freePorts(count: number, options: FreePortsOptions): Promise<number[]> {
  const held: net.Server[] = [];
  try {
    if (options.basePort === undefined) {
      while (held.length < count) {
        const server = await tryListen(options.host, 0);
        if (server === undefined) throw new Error(`no ephemeral port is free on ${options.host}`);
        held.push(server);
      }
    } else {
      for (let port = options.basePort; held.length < count; port++) {
        if (port > 65_535) {
          throw new Error(
            `only ${held.length} of ${count} ports are free from ${options.basePort} up`,
          );
        }
        if (options.exclude?.includes(port)) continue;
        const server = await tryListen(options.host, port);
        if (server !== undefined) held.push(server);
      }
    }
    return held.map((server) => (server.address() as net.AddressInfo).port);
  } finally {
    await Promise.all(held.map(close));
  }
}
