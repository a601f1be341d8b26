import { AppError } from '@cqrs/framework-core';
import { randomUUID } from 'node:crypto';
import { silentLogger } from '../testing/test-database';
import { connectMongo } from './connect-mongo';

const url = process.env.MONGO_URL ?? 'mongodb://127.0.0.1:27017/?directConnection=true';

describe('connectMongo', () => {
  it('connects, answers ping and closes', async () => {
    const dbName = `test-${randomUUID().slice(0, 8)}`;
    const connection = await connectMongo({ url, dbName, appName: 'test', logger: silentLogger });

    await connection.db.collection('things').insertOne({ _id: 'x' } as never);

    expect(connection.db.databaseName).toBe(dbName);
    expect(await connection.ping()).toBe(true);
    await connection.db.dropDatabase();
    await connection.close();
  });

  it('reports an unreachable server as a retriable unavailable error', async () => {
    const connecting = connectMongo({
      // Port 1 is privileged and unused: the connection is refused at once.
      url: 'mongodb://127.0.0.1:1/?directConnection=true',
      dbName: 'unused',
      appName: 'test',
      logger: silentLogger,
      driverOptions: { serverSelectionTimeoutMS: 500 },
    });

    await expect(connecting).rejects.toBeInstanceOf(AppError);
    await expect(connecting).rejects.toMatchObject({ code: 'unavailable', retriable: true });
  });
});
