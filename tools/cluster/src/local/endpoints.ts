import { LOCAL_JWT_SECRET } from '@cqrs/tools-workspace';

/** Where the host reaches the local cluster's system: every address is on 127.0.0.1. */
export interface LocalEndpoints {
  /** The combined API through Traefik (the Gateway's listener). */
  readonly gatewayUrl: string;
  readonly gatewayPort: number;
  /** Kafka's EXTERNAL listener (a hostPort), as `host:port`. */
  readonly kafkaBrokers: string;
  readonly kafkaHostPort: number;
  /** The engine (a hostPort). */
  readonly mongoUrl: string;
  readonly mongoHostPort: number;
  /** The HS256 secret the apps verify tokens with (the local development secret). */
  readonly jwtSecret: string;
}

const port = (env: NodeJS.ProcessEnv, name: string, fallback: number): number => {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1024 || n > 65_535)
    throw new Error(`${name} must be a port in 1024..65535, got ${value}`);
  return n;
};

/**
 * The local cluster's host ports: `CLUSTER_GATEWAY_PORT` (default 18080),
 * `CLUSTER_KAFKA_PORT` (29092) and `CLUSTER_MONGO_PORT` (27019), chosen apart from
 * `npm start`'s 8080, 9092 and 27017 so both can run at once.
 */
export function localEndpoints(env: NodeJS.ProcessEnv = process.env): LocalEndpoints {
  const gatewayPort = port(env, 'CLUSTER_GATEWAY_PORT', 18_080);
  const kafkaHostPort = port(env, 'CLUSTER_KAFKA_PORT', 29_092);
  const mongoHostPort = port(env, 'CLUSTER_MONGO_PORT', 27_019);
  return {
    gatewayUrl: `http://127.0.0.1:${gatewayPort}`,
    gatewayPort,
    kafkaBrokers: `127.0.0.1:${kafkaHostPort}`,
    kafkaHostPort,
    mongoUrl: `mongodb://127.0.0.1:${mongoHostPort}/?directConnection=true`,
    mongoHostPort,
    jwtSecret: LOCAL_JWT_SECRET,
  };
}
