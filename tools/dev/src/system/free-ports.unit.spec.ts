import net from 'node:net';
import { freePorts, portFree } from './free-ports';

const host = '127.0.0.1';

describe('freePorts', () => {
  let blocker: net.Server;
  let taken: number;

  beforeAll(async () => {
    blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, host, resolve));
    taken = (blocker.address() as net.AddressInfo).port;
  });

  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it('hands out distinct ephemeral ports that are free', async () => {
    const ports = await freePorts(5, { host });

    expect(new Set(ports).size).toBe(5);
    for (const port of ports) expect(await portFree(host, port)).toBe(true);
  });

  it('counts up from a base port, skipping taken and excluded ones', async () => {
    const ports = await freePorts(2, { host, basePort: taken, exclude: [taken + 1] });

    expect(ports[0]).toBeGreaterThan(taken + 1);
    expect(ports).not.toContain(taken);
    expect(ports[1]).toBeGreaterThan(ports[0] as number);
  });

  it('knows a taken port', async () => {
    expect(await portFree(host, taken)).toBe(false);
  });
});
