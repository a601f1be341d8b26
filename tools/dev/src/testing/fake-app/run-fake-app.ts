import http from 'node:http';
import pino from 'pino';

/** How a fake app misbehaves, to exercise the dev runner's failure paths. */
export interface FakeAppBehaviour {
  /** Never answers `/readyz` with 200. */
  readonly neverReady?: boolean;
  /** Logs an error and exits with this code before listening. */
  readonly crashAtStart?: number;
  /** Logs SIGTERM and carries on (the runner must kill it). */
  readonly ignoreSigterm?: boolean;
}

/** The environment variables of the app contract, echoed by `GET /fake/env`. */
const contract = [
  'SERVICE_NAME',
  'HOST',
  'PORT',
  'LOG_LEVEL',
  'MONGO_URL',
  'MONGO_DB',
  'KAFKA_BROKERS',
  'JWT_HS256_SECRET',
  'SERVICE_TOKEN',
  // Not the contract's: set by a `command` of startSystem (a bench's V8 options).
  'NODE_OPTIONS',
];

/**
 * A tiny app that honours the app contract (env configuration, pino JSON lines on stdout,
 * `/livez`, `/readyz`, exit on SIGTERM), for the dev runner's tests. Besides the probes it serves
 * `GET /fake/env` (its contract environment, `*_URL` included) and `POST /fake/exit` (answers,
 * then logs an error and exits with code 3).
 */
export function runFakeApp(behaviour: FakeAppBehaviour = {}): void {
  const env = process.env;
  const logger = pino({
    level: env.LOG_LEVEL ?? 'info',
    base: { service: env.SERVICE_NAME },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  });
  logger.info({ appPid: process.pid }, 'starting');

  if (behaviour.crashAtStart !== undefined) {
    logger.error({ err: new Error('cannot reach the configuration store') }, 'start-up failed');
    process.exit(behaviour.crashAtStart);
  }

  const readyAt = Date.now() + 300;
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/livez') return send(200, { status: 'ok' });
    if (req.url === '/readyz') {
      const ready = !behaviour.neverReady && Date.now() >= readyAt;
      return send(ready ? 200 : 503, { status: ready ? 'ok' : 'starting' });
    }
    if (req.method === 'GET' && req.url === '/fake/env') {
      const echoed = Object.entries(env).filter(
        ([key]) => contract.includes(key) || key.endsWith('_URL'),
      );
      return send(200, Object.fromEntries(echoed));
    }
    if (req.method === 'POST' && req.url === '/fake/exit') {
      send(202, { exiting: true });
      setTimeout(() => {
        logger.error({ err: new Error('asked to crash') }, 'crashing on purpose');
        process.exit(3);
      }, 50);
      return;
    }
    send(404, { path: req.url });
  });

  process.on('SIGTERM', () => {
    if (behaviour.ignoreSigterm) {
      logger.warn('ignoring SIGTERM');
      return;
    }
    logger.info('SIGTERM: stopping');
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });

  server.listen(Number(env.PORT), env.HOST, () => {
    logger.info({ port: Number(env.PORT), neverReady: behaviour.neverReady === true }, 'listening');
  });
}
