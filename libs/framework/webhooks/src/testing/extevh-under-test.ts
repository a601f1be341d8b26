import type { Db } from 'mongodb';
import type { BaseConfig, RunningApp } from '@cqrs/framework-core';
import type { SpawnedApp, TestedApp } from '@cqrs/framework-core/testing';
import type { CmdhProcess } from '@cqrs/framework-mongo/testing';
import { appWithCmdh } from '@cqrs/framework-mongo/testing';
import { generateWebhookSecret } from '../standard-webhooks/webhook-secret';
import type { InboundWebhook } from '../intake/inbound-webhook';
import { defaultInboundWebhooksCollection } from '../intake/inbound-webhook-store';
import type { PostedWebhook, PostWebhookOptions } from './post-webhook';
import { postWebhook } from './post-webhook';

/** What differs between services' `extevh` tests. */
export interface ExtevhUnderTestSpec<C extends BaseConfig> {
  /** The service's `extevh`, started in this process. */
  readonly extevh: TestedApp<C>;
  /** The `cmdh`, run as a process (so a test can stop and restart it); the service's own by default. */
  readonly cmdh?: CmdhProcess;
  /** The provider's hook, e.g. `/hooks/payment-provider`. */
  readonly hookPath: string;
  /** More `extevh` settings (or other ones). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A service's `extevh` and real `cmdh` on a database of their own. */
export interface ExtevhUnderTest<C extends BaseConfig> {
  /** The `extevh`. */
  readonly app: RunningApp<C>;
  readonly cmdh: SpawnedApp;
  /** The database both apps use. */
  readonly db: Db;
  /**
   * The provider's secrets: `current` and `previous` are both configured (a rotation in
   * progress), `unknown` is not.
   */
  readonly secrets: {
    readonly current: string;
    readonly previous: string;
    readonly unknown: string;
  };
  /** Signs `payload` (with the current secret unless `options.secrets` says otherwise) and posts it to the hook. */
  post(payload: unknown, options?: Partial<PostWebhookOptions>): Promise<PostedWebhook>;
  /** The stored inbound webhook with this id. */
  webhook(id: string): Promise<InboundWebhook | null>;
  stop(): Promise<void>;
}

/**
 * Starts the service's real `cmdh` (a process) and its `extevh` (in this process, pointed at
 * that `cmdh` with a service token, accepting two provider secrets) on a fresh database.
 */
export async function extevhUnderTest<C extends BaseConfig>(
  spec: ExtevhUnderTestSpec<C>,
): Promise<ExtevhUnderTest<C>> {
  const secrets = {
    current: generateWebhookSecret(),
    previous: generateWebhookSecret(),
    unknown: generateWebhookSecret(),
  };
  const { app, cmdh, db, stop } = await appWithCmdh({
    app: spec.extevh,
    cmdh: spec.cmdh,
    env: {
      WEBHOOK_SECRETS: `${secrets.current}, ${secrets.previous}`,
      COMMAND_TIMEOUT_MS: '5000',
      ...spec.env,
    },
  });
  const webhooks = db.collection<InboundWebhook>(defaultInboundWebhooksCollection);
  return {
    app,
    cmdh,
    db,
    secrets,
    post: (payload, options = {}) =>
      postWebhook(`${app.url}${spec.hookPath}`, {
        secrets: [secrets.current],
        ...options,
        payload,
      }),
    webhook: (id) => webhooks.findOne({ _id: id }),
    stop,
  };
}
