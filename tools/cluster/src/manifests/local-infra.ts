import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { repoRoot } from '../node/layout';
import { fillPlaceholders } from './placeholders';

/** The local cluster's overlay, separate from deploy/k8s/addons (the production path). */
const localManifestDir = path.join(repoRoot, 'deploy', 'k8s', 'local');
const files = ['namespace.yaml', 'kafka.yaml', 'engine.yaml'] as const;

export interface LocalInfraOptions {
  /** Host directory of the hostPath volumes (`<volumesDir>/kafka`, `<volumesDir>/engine`). */
  readonly volumesDir: string;
  /** 127.0.0.1 port of Kafka's EXTERNAL listener, for tests on the host. */
  readonly kafkaHostPort: number;
  /** 127.0.0.1 port of the engine, for tests on the host. */
  readonly mongoHostPort: number;
  /** The images built by `ensureKafkaImage` and `ensureEngineImage`, already on the node. */
  readonly images: { readonly kafka: string; readonly engine: string };
}

const checkPort = (name: string, port: number) => {
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`${name} must be a port number, got ${port}`);
};

/**
 * The objects of the in-cluster infrastructure of the local one-node cluster, in apply order:
 * the namespace, Kafka (StatefulSet of one KRaft node, Services `kafka-headless` and `kafka`)
 * and the engine (Deployment, Service `mongo`), read from deploy/k8s/local with every
 * placeholder filled.
 *
 * @throws Error on a relative volumes directory, a bad port or an unparsable manifest.
 */
export function localInfraManifests(options: LocalInfraOptions): KubernetesObject[] {
  if (!path.isAbsolute(options.volumesDir))
    throw new Error(`volumesDir must be absolute (a hostPath), got ${options.volumesDir}`);
  checkPort('kafkaHostPort', options.kafkaHostPort);
  checkPort('mongoHostPort', options.mongoHostPort);
  const values = {
    VOLUMES_DIR: options.volumesDir.replace(/\/+$/, ''),
    KAFKA_HOST_PORT: options.kafkaHostPort,
    MONGO_HOST_PORT: options.mongoHostPort,
    KAFKA_IMAGE: options.images.kafka,
    ENGINE_IMAGE: options.images.engine,
  };
  return files.flatMap((file) => {
    const text = fillPlaceholders(
      readFileSync(path.join(localManifestDir, file), 'utf8'),
      values,
      file,
    );
    return parseAllDocuments(text).flatMap((doc) => {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]?.message}`);
      const object = doc.toJS() as KubernetesObject | null;
      return object === null ? [] : [object];
    });
  });
}
