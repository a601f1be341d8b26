import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Collection, Db } from 'mongodb';
import type { Logger } from 'pino';
import { isDuplicateKeyError } from '../errors/duplicate-key';
import { mapMongoError } from '../errors/map-mongo-error';

/** A `leases` document: who holds `_id` until when. */
export interface LeaseDocument {
  _id: string;
  owner: string;
  expiresAt: Date;
}

export interface LeaseOptions {
  readonly db: Db;
  /** What is led, e.g. `customers-evp`. Every replica of a role uses the same name. */
  readonly name: string;
  /** Unique per process, e.g. {@link defaultLeaseOwner}. */
  readonly owner: string;
  readonly ttlMs: number;
  readonly now: () => Date;
  readonly logger: Logger;
}

/**
 * A time-bound lock on `name` in the `leases` collection, for roles that must run on one replica
 * at a time (DESIGN section 9). Every method is one atomic single-document write.
 *
 * Clock assumption: `expiresAt` is written from the holder's clock and compared with the other
 * replicas' clocks (the engine has no server-side `$$NOW` in updates). Clocks must agree to
 * well within the elector's safety margin (ttl / 3 by default); with NTP they agree to
 * milliseconds, so keep `ttlMs` in seconds (10-30 s), never close to the expected skew.
 */
export interface Lease {
  readonly name: string;
  readonly owner: string;
  readonly ttlMs: number;
  /** Takes the lease if it is free, expired, or already ours; `true` = ours for `ttlMs`. */
  tryAcquire(): Promise<boolean>;
  /**
   * Extends a lease we still validly hold; `false` = it lapsed or someone else has it.
   * Transient MongoDB failures of any method reject with `AppError('unavailable')`.
   */
  renew(): Promise<boolean>;
  /** Gives the lease up at once so a standby can take over without waiting for the ttl. */
  release(): Promise<void>;
  /** How long the lease is ours by our clock, measured from when the last grant was sent. */
  remainingMs(): number;
}

/** `host:pid:random`: distinct for every process, readable in the `leases` collection. */
export const defaultLeaseOwner = (): string =>
  `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;

/** Creates a {@link Lease}; nothing is written until `tryAcquire`. */
export function createLease(options: LeaseOptions): Lease {
  const { db, name, owner, ttlMs, now, logger } = options;
  if (!(ttlMs > 0)) throw new RangeError(`ttlMs must be positive, got ${ttlMs}`);
  const leases: Collection<LeaseDocument> = db.collection<LeaseDocument>('leases');
  const log = logger.child({ module: 'lease', lease: name, owner });
  // Deadline by our clock, taken *before* the write is sent, so a slow reply only shortens it.
  let heldUntil = 0;

  const grant = async (upsert: boolean): Promise<boolean> => {
    const sentAt = now().getTime();
    const expiresAt = new Date(sentAt + ttlMs);
    const stillOurs = { owner, expiresAt: { $gt: new Date(sentAt) } };
    const filter = upsert
      ? { _id: name, $or: [{ owner }, { expiresAt: { $lte: new Date(sentAt) } }] }
      : { _id: name, ...stillOurs };
    try {
      const result = await leases.updateOne(filter, { $set: { owner, expiresAt } }, { upsert });
      const granted = result.matchedCount === 1 || result.upsertedCount === 1;
      heldUntil = granted ? expiresAt.getTime() : 0;
      return granted;
    } catch (error) {
      // The filter did not match an existing, live lease of someone else, so the upsert tried
      // to insert a second document with the same _id: the lease is taken.
      if (upsert && isDuplicateKeyError(error)) {
        heldUntil = 0;
        return false;
      }
      throw mapMongoError(error, `leases.${name}`);
    }
  };

  const lease: Lease = {
    name,
    owner,
    ttlMs,
    tryAcquire: () => grant(true),
    renew: () => grant(false),
    async release() {
      heldUntil = 0;
      try {
        const { deletedCount } = await leases.deleteOne({ _id: name, owner });
        if (deletedCount === 1) log.info('lease released');
      } catch (error) {
        throw mapMongoError(error, `leases.${name}`);
      }
    },
    remainingMs: () => Math.max(0, heldUntil - now().getTime()),
  };
  return lease;
}
