import { logLevel } from 'kafkajs';
import pino from 'pino';
import { kafkaLogLevelFor, pinoLogCreator } from './pino-log-creator';

/** A pino logger that keeps its lines for the test to read. */
function capturingLogger(level: pino.Level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino(
    { level, base: undefined },
    { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) },
  );
  return { logger, lines };
}

const entry = (level: logLevel, extra: Record<string, unknown> = {}) => ({
  namespace: 'Consumer',
  level,
  label: logLevel[level],
  log: { timestamp: '2025-01-01T00:00:00.000Z', logger: 'kafkajs', message: 'hello', ...extra },
});

describe('pinoLogCreator', () => {
  it.each([
    [logLevel.ERROR, 50],
    [logLevel.WARN, 40],
    [logLevel.INFO, 30],
    [logLevel.DEBUG, 20],
  ])(
    'writes kafkajs level %s as pino level %s with the namespace as module',
    (level, pinoLevel) => {
      const { logger, lines } = capturingLogger();

      pinoLogCreator(logger)(logLevel.DEBUG)(entry(level, { groupId: 'g1' }));

      expect(lines).toEqual([
        expect.objectContaining({
          level: pinoLevel,
          module: 'Consumer',
          component: 'kafkajs',
          groupId: 'g1',
          msg: 'hello',
        }),
      ]);
      expect(lines[0]).not.toHaveProperty('timestamp');
      expect(lines[0]).not.toHaveProperty('logger');
    },
  );

  it('reports the kafkajs error under err', () => {
    const { logger, lines } = capturingLogger();

    pinoLogCreator(logger)(logLevel.ERROR)(entry(logLevel.ERROR, { error: 'Connection refused' }));

    expect(lines[0]).toMatchObject({ err: 'Connection refused' });
  });

  it('drops entries below the logger level', () => {
    const { logger, lines } = capturingLogger('warn');

    pinoLogCreator(logger)(logLevel.DEBUG)(entry(logLevel.INFO));

    expect(lines).toEqual([]);
  });
});

describe('kafkaLogLevelFor', () => {
  it.each([
    ['trace', logLevel.DEBUG],
    ['debug', logLevel.DEBUG],
    ['info', logLevel.INFO],
    ['warn', logLevel.WARN],
    ['error', logLevel.ERROR],
    ['fatal', logLevel.NOTHING],
    ['silent', logLevel.NOTHING],
  ] as const)('maps pino level %s to kafkajs %s', (level, expected) => {
    expect(kafkaLogLevelFor(pino({ level }))).toBe(expected);
  });
});
