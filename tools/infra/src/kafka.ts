import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import type { Component } from './component';
import type { InfraConfig } from './config';
import { repoRoot } from './config';
import { resolveClasspath } from './java';
import { marker, portOpen, startDetached } from './process';

/**
 * A random cluster id as Kafka's own `Uuid.randomUuid()` makes one: base64url of 16 bytes, never
 * starting with `-`, which the storage tool would read as an option (1 run in 64 failed on it).
 */
export function newClusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}

const run = promisify(execFile);

function serverProperties(config: InfraConfig): string {
  const { host, port, controllerPort, dir } = config.kafka;
  return [
    '# Written by tools/infra on every start; edit tools/infra/src/kafka.ts instead.',
    'process.roles=broker,controller',
    'node.id=1',
    `controller.quorum.voters=1@${host}:${controllerPort}`,
    `listeners=PLAINTEXT://${host}:${port},CONTROLLER://${host}:${controllerPort}`,
    `advertised.listeners=PLAINTEXT://${host}:${port}`,
    'controller.listener.names=CONTROLLER',
    'inter.broker.listener.name=PLAINTEXT',
    'listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT',
    `log.dirs=${path.join(dir, 'data')}`,
    'num.partitions=3',
    // Topics are created through the admin client, never by a typo in a producer.
    'auto.create.topics.enable=false',
    'offsets.topic.replication.factor=1',
    'offsets.topic.num.partitions=10',
    'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1',
    'group.initial.rebalance.delay.ms=0',
    'log.retention.hours=168',
    '',
  ].join('\n');
}

/** A single-node Apache Kafka 3.9 broker in KRaft mode (broker and controller in one JVM). */
export const kafka: Component = {
  name: 'kafka',
  title: 'Apache Kafka broker (KRaft)',
  host: (c) => c.kafka.host,
  port: (c) => c.kafka.port,
  address: (c) => c.kafka.brokers,

  async start(config, log) {
    const classpath = await resolveClasspath('kafka', config.cacheDir, log);
    const { dir } = config.kafka;
    await mkdir(dir, { recursive: true });
    const propertiesFile = path.join(dir, 'server.properties');
    writeFileSync(propertiesFile, serverProperties(config));
    const jvm = [
      '-cp',
      classpath,
      `-Dlog4j.configuration=file:${path.join(repoRoot, 'tools/infra/kafka/log4j.properties')}`,
    ];

    if (!existsSync(path.join(dir, 'data', 'meta.properties'))) {
      log('formatting Kafka storage (first start)...');
      await run('java', [
        ...jvm,
        'kafka.tools.StorageTool',
        'format',
        '-t',
        newClusterId(),
        '-c',
        propertiesFile,
      ]);
    }
    const logFile = path.join(config.logDir, 'kafka.log');
    return startDetached(
      'java',
      [
        marker('kafka'),
        ...config.kafka.heap,
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-Djava.awt.headless=true',
        ...jvm,
        'kafka.Kafka',
        propertiesFile,
      ],
      logFile,
      path.join(config.dataDir, 'kafka.pid'),
    );
  },

  async ready(config) {
    if (!(await portOpen(config.kafka.host, config.kafka.port))) return false;
    const admin = new Kafka({
      clientId: 'infra-readiness',
      brokers: [config.kafka.brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      const { brokers } = await admin.describeCluster();
      return brokers.length > 0;
    } catch {
      return false;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },
};
