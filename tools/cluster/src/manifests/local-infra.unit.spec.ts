import type { V1Deployment, V1Service, V1StatefulSet } from '@kubernetes/client-node';
import { localInfraManifests, type LocalInfraOptions } from './local-infra';

const options: LocalInfraOptions = {
  volumesDir: '/state/volumes/',
  kafkaHostPort: 31092,
  mongoHostPort: 31017,
  images: { kafka: 'localhost/cqrs/kafka:3.9.2', engine: 'localhost/cqrs/engine:abc123' },
};

describe('localInfraManifests', () => {
  const objects = localInfraManifests(options);
  const find = <T>(kind: string, name: string) =>
    objects.find((o) => o.kind === kind && o.metadata?.name === name) as T;

  it('lists the namespace first, then Kafka and the engine, all in the namespace cqrs', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Namespace/cqrs',
      'Service/kafka-headless',
      'Service/kafka',
      'StatefulSet/kafka',
      'Service/mongo',
      'Deployment/engine',
    ]);
    expect(objects.slice(1).every((o) => o.metadata?.namespace === 'cqrs')).toBe(true);
  });

  it('fills every placeholder', () => {
    expect(JSON.stringify(objects)).not.toMatch(/\$\{/);
  });

  it('runs one KRaft node with an internal and a host listener on 127.0.0.1', () => {
    const kafka = find<V1StatefulSet>('StatefulSet', 'kafka');
    const container = kafka.spec?.template.spec?.containers[0];
    const env = Object.fromEntries((container?.env ?? []).map((e) => [e.name, e.value]));

    expect(kafka.spec?.replicas).toBe(1);
    expect(kafka.spec?.serviceName).toBe('kafka-headless');
    expect(container?.image).toBe('localhost/cqrs/kafka:3.9.2');
    expect(container?.imagePullPolicy).toBe('Never');
    expect(env.KAFKA_CFG_ADVERTISED_LISTENERS).toBe(
      'INTERNAL://$(POD_NAME).kafka-headless.$(POD_NAMESPACE).svc.cluster.local:9092,EXTERNAL://127.0.0.1:31092',
    );
    expect(env.KAFKA_CFG_AUTO_CREATE_TOPICS_ENABLE).toBe('false');
    expect(env.KAFKA_CFG_OFFSETS_TOPIC_REPLICATION_FACTOR).toBe('1');
    expect(env.KAFKA_HEAP_OPTS).toBe('-Xms512m -Xmx512m');
    expect(container?.ports).toContainEqual({
      name: 'external',
      containerPort: 9094,
      hostPort: 31092,
      hostIP: '127.0.0.1',
    });
    expect(container?.readinessProbe?.tcpSocket?.port).toBe('internal');
    expect(kafka.spec?.template.spec?.volumes).toContainEqual({
      name: 'data',
      hostPath: { path: '/state/volumes/kafka', type: 'DirectoryOrCreate' },
    });
  });

  it('runs the engine persistent behind Service mongo, published on 127.0.0.1', () => {
    const engine = find<V1Deployment>('Deployment', 'engine');
    const container = engine.spec?.template.spec?.containers[0];

    expect(find<V1Service>('Service', 'mongo').spec?.ports?.[0]?.port).toBe(27017);
    expect(engine.spec?.strategy?.type).toBe('Recreate');
    expect(container?.image).toBe('localhost/cqrs/engine:abc123');
    expect(container?.args).toEqual(
      expect.arrayContaining(['--h2-file', '/var/lib/engine/engine.mv.db']),
    );
    expect(container?.env).toContainEqual({
      name: 'JDK_JAVA_OPTIONS',
      value: expect.stringContaining('-Xmx1g') as string,
    });
    expect(container?.ports).toContainEqual({
      name: 'mongo',
      containerPort: 27017,
      hostPort: 31017,
      hostIP: '127.0.0.1',
    });
    expect(engine.spec?.template.spec?.volumes?.[0]?.hostPath?.path).toBe('/state/volumes/engine');
  });

  it.each([
    [{ volumesDir: 'relative/dir' }, 'volumesDir must be absolute'],
    [{ kafkaHostPort: 0 }, 'kafkaHostPort must be a port number'],
    [{ mongoHostPort: 70_000 }, 'mongoHostPort must be a port number'],
  ])('refuses %j', (override, message) => {
    expect(() => localInfraManifests({ ...options, ...override })).toThrow(message);
  });
});
