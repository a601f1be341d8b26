import { PassThrough } from 'node:stream';
import { runWithContext } from './context';
import { createLogger } from './logger';

/** A logger writing into memory, and the JSON lines it wrote so far. */
function capture() {
  const stream = new PassThrough();
  const lines: Record<string, unknown>[] = [];
  stream.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      lines.push(JSON.parse(line) as Record<string, unknown>);
    }
  });
  const logger = createLogger({ name: 'customers-cmdh', level: 'debug', destination: stream });
  return { logger, lines };
}

describe('createLogger', () => {
  it('writes JSON lines with the service, level name and message', () => {
    const { logger, lines } = capture();

    logger.info({ orderId: 'o1' }, 'placed');

    expect(lines[0]).toMatchObject({
      service: 'customers-cmdh',
      level: 'info',
      orderId: 'o1',
      msg: 'placed',
    });
    expect(lines[0]).not.toHaveProperty('pid');
  });

  it('adds the request ids of the current context to every line', () => {
    const { logger, lines } = capture();

    runWithContext({ requestId: 'r1', correlationId: 'c1', causationId: 'e1' }, () => {
      logger.child({ module: 'x' }).info('inside');
    });
    logger.info('outside');

    expect(lines[0]).toMatchObject({ requestId: 'r1', correlationId: 'c1', causationId: 'e1' });
    expect(lines[1]).not.toHaveProperty('requestId');
  });

  it('keeps the context across awaits', async () => {
    const { logger, lines } = capture();

    await runWithContext({ requestId: 'r2', correlationId: 'c2' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.info('later');
    });

    expect(lines[0]).toMatchObject({ requestId: 'r2' });
  });

  it('redacts secrets at the top level, one level down and in headers', () => {
    const { logger, lines } = capture();

    logger.info({
      password: 'p',
      config: { JWT_HS256_SECRET: 's', PORT: 8080 },
      user: { token: 't', apiKey: 'k', name: 'ann' },
      req: { headers: { authorization: 'Bearer abc', cookie: 'sid=1', accept: '*/*' } },
    });

    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/"p"|"s"|"t"|"k"|abc|sid=1/);
    expect(lines[0]).toMatchObject({
      config: { JWT_HS256_SECRET: '[redacted]', PORT: 8080 },
      user: { token: '[redacted]', name: 'ann' },
      req: { headers: { authorization: '[redacted]', accept: '*/*' } },
    });
  });

  it('serialises errors under err with their stack and cause', () => {
    const { logger, lines } = capture();

    logger.error({ err: new Error('outer', { cause: new Error('inner') }) }, 'failed');

    expect(lines[0]).toMatchObject({
      err: { type: 'Error', message: expect.stringContaining('outer') as unknown },
    });
    expect(JSON.stringify(lines[0])).toContain('inner');
    expect((lines[0]?.err as { stack: string }).stack).toContain('logger.unit.spec');
  });
});
