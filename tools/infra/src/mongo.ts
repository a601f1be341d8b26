import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { MongoClient } from 'mongodb';
import type { Component } from './component';
import type { InfraConfig } from './config';
import { resolveClasspath } from './java';
import { marker, portOpen, startDetached } from './process';

/**
 * The engine's runtime classpath, built once and shared by every start (and the launcher's own
 * tests), so nothing rebuilds the jar a running engine has open.
 */
export const engineClasspath = (config: InfraConfig, log: (line: string) => void) =>
  resolveClasspath('mongo', config.cacheDir, log);

/**
 * The MongoDB-wire-compatible engine: mongo-java-server behind our launcher
 * (tools/infra/mongo/src/main/java), with its H2 file unless MONGO_PERSIST=false (in memory).
 */
export const mongo: Component = {
  name: 'mongo',
  title: 'MongoDB-compatible engine (mongo-java-server)',
  host: (c) => c.mongo.host,
  port: (c) => c.mongo.port,
  address: (c) => c.mongo.url,

  async start(config, log) {
    const classpath = await engineClasspath(config, log);
    const { dir, file, host, port, persist, oplogMaxEntries } = config.mongo;
    await mkdir(dir, { recursive: true });
    return startDetached(
      'java',
      [
        marker('mongo'),
        ...config.mongo.heap,
        '-XX:+UseG1GC',
        '-cp',
        classpath,
        'cqrs.infra.mongo.EngineLauncher',
        '--host',
        host,
        '--port',
        String(port),
        '--oplog-max-entries',
        String(oplogMaxEntries),
        ...(persist ? ['--h2-file', file] : []),
      ],
      path.join(config.logDir, 'mongo.log'),
      path.join(config.dataDir, 'mongo.pid'),
    );
  },

  async ready(config) {
    if (!(await portOpen(config.mongo.host, config.mongo.port))) return false;
    const client = new MongoClient(config.mongo.url, { serverSelectionTimeoutMS: 1000 });
    try {
      await client.db('admin').command({ ping: 1 });
      return true;
    } catch {
      return false;
    } finally {
      await client.close();
    }
  },
};
