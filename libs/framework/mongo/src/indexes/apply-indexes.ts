import type { Db, Document } from 'mongodb';
import { MongoServerError } from 'mongodb';
import type { Logger } from 'pino';
import type { IndexDeclaration } from './index-declaration';
import { indexOptions, sameIndex } from './index-declaration';

const namespaceNotFound = 26;

/** What {@link applyIndexes} did with each declaration. */
export interface AppliedIndexes {
  readonly created: string[];
  readonly replaced: string[];
  readonly unchanged: string[];
}

/**
 * Makes the indexes in `db` match `declarations`, at start-up, before the service takes traffic.
 * Idempotent: an index that already matches is left alone. An index whose definition changed
 * under the same name is dropped and rebuilt (logged as a warning, since a unique index is
 * briefly missing while it rebuilds). Indexes nobody declares are never dropped.
 *
 * Fails if a declared unique index cannot be built because existing data violates it: that
 * needs a person, not a retry.
 */
export async function applyIndexes(
  db: Db,
  declarations: readonly IndexDeclaration[],
  logger: Logger,
): Promise<AppliedIndexes> {
  assertUniqueNames(declarations);
  const applied: AppliedIndexes = { created: [], replaced: [], unchanged: [] };
  const existingByCollection = new Map<string, Document[]>();
  for (const declaration of declarations) {
    const { collection, name } = declaration;
    let existing = existingByCollection.get(collection);
    if (!existing) {
      existing = await listIndexes(db, collection);
      existingByCollection.set(collection, existing);
    }
    const current = existing.find((index) => index.name === name);
    const label = `${collection}.${name}`;
    if (current && sameIndex(current, declaration)) {
      applied.unchanged.push(label);
      continue;
    }
    if (current) {
      logger.warn({ collection, index: name }, 'index definition changed; rebuilding it');
      await db.collection(collection).dropIndex(name);
      applied.replaced.push(label);
    } else {
      applied.created.push(label);
    }
    await db.collection(collection).createIndex({ ...declaration.key }, indexOptions(declaration));
  }
  logger.info(applied, 'indexes applied');
  return applied;
}

function assertUniqueNames(declarations: readonly IndexDeclaration[]): void {
  const seen = new Set<string>();
  for (const { collection, name } of declarations) {
    const label = `${collection}.${name}`;
    if (seen.has(label)) throw new Error(`index ${label} is declared twice`);
    seen.add(label);
  }
}

async function listIndexes(db: Db, collection: string): Promise<Document[]> {
  try {
    return (await db.collection(collection).listIndexes().toArray()) as Document[];
  } catch (error) {
    // A collection that does not exist yet has no indexes; createIndex will create it.
    if (error instanceof MongoServerError && error.code === namespaceNotFound) return [];
    throw error;
  }
}
