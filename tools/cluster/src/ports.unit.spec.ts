import net from 'node:net';
import { freePorts } from './ports';

describe('freePorts', () => {
  it('returns distinct ports that can be bound on 127.0.0.1', async () => {
    const ports = await freePorts(6);

    expect(new Set(ports).size).toBe(6);
    for (const port of ports) {
      const server = net.createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, '127.0.0.1', () => resolve());
      });
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
