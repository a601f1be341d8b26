import { formatLogLine } from './format-log-line';

// A local time, so the expected clock does not depend on the machine's time zone.
const at = new Date(2025, 0, 2, 3, 4, 5, 6);
const plain = { color: false };

describe('formatLogLine', () => {
  it('renders a pino line as time, level, message and the other fields', () => {
    const line = JSON.stringify({
      level: 'info',
      time: at.toISOString(),
      service: 'customers-cmdh',
      pid: 12,
      hostname: 'box',
      msg: 'listening',
      port: 3001,
      ready: true,
      path: '/customers/c 1',
      requestId: 'r-1',
      actor: { sub: 'alice' },
    });

    expect(formatLogLine(line, plain)).toBe(
      '03:04:05.006 INFO  listening port=3001 ready=true path="/customers/c 1" requestId=r-1 actor={"sub":"alice"}',
    );
  });

  it('understands numeric levels and epoch-millisecond times (pino defaults)', () => {
    const line = JSON.stringify({ level: 40, time: at.getTime(), msg: 'slow' });

    expect(formatLogLine(line, plain)).toBe('03:04:05.006 WARN  slow');
  });

  it('shows the stack of an error and of its causes below the line', () => {
    const line = JSON.stringify({
      level: 50,
      time: at.getTime(),
      msg: 'command failed',
      err: {
        type: 'Error',
        message: 'boom',
        stack: 'Error: boom\n    at handle (cmdh.ts:1:1)',
        cause: { type: 'MongoError', message: 'gone', stack: 'MongoError: gone\n    at x (y:2:2)' },
      },
    });

    expect(formatLogLine(line, plain).split('\n')).toEqual([
      '03:04:05.006 ERROR command failed err=boom',
      '  Error: boom',
      '      at handle (cmdh.ts:1:1)',
      '  Caused by: MongoError: gone',
      '      at x (y:2:2)',
    ]);
  });

  it('passes non-JSON lines and JSON that is not a log record through unchanged', () => {
    for (const line of [
      'Debugger listening on ws://127.0.0.1:9229',
      '{ not json',
      '{"hello":"world"}',
      '',
    ]) {
      expect(formatLogLine(line, plain)).toBe(line);
    }
  });

  it('colours the level when asked to', () => {
    const line = JSON.stringify({ level: 'error', time: at.getTime(), msg: 'x' });

    expect(formatLogLine(line, { color: true })).toContain('\u001b[31mERROR\u001b[39m');
    expect(formatLogLine(line, plain)).not.toContain('\u001b[');
  });
});
