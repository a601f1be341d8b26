import { randomUUID } from 'node:crypto';
import express from 'express';
import { jwtVerify } from 'jose';
import { MongoClient } from 'mongodb';

/**
 * The bare baseline `cmdh` is measured beside: express 5 with `express.json`, an HS256 bearer
 * check with jose (its key made once), and one engine round trip per create (`insertOne`, under a
 * unique email index as customers-cmdh's) or two per update (`findOne`, then a version-guarded
 * `replaceOne`). No validation, idempotency, events or logging: what any HTTP-to-MongoDB service
 * pays at least. Started by the bench as its
 * own process (BASELINE_PORT, MONGO_URL, JWT_SECRET); prints `baseline listening on <port> pid <pid>`.
 */
interface Customer {
  _id: string;
  name: string;
  email: string;
  version: number;
}

async function main() {
  const client = await MongoClient.connect(process.env.MONGO_URL as string);
  const customers = client.db(`bench-baseline-${process.pid}`).collection<Customer>('customers');
  // The rule the create itself enforces, as customers-cmdh's does: one customer per address.
  await customers.createIndex({ email: 1 }, { unique: true });
  const key = new TextEncoder().encode(process.env.JWT_SECRET);
  const app = express();
  app.use(express.json());
  app.use((req, res, next) => {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (!token) return void res.status(401).end();
    jwtVerify(token, key, { algorithms: ['HS256'] }).then(
      () => next(),
      () => res.status(401).end(),
    );
  });
  app.post('/customers', async (req, res) => {
    const body = req.body as { name: string; email: string };
    const customer = { _id: randomUUID(), name: body.name, email: body.email, version: 1 };
    await customers.insertOne(customer);
    res.status(201).json({ id: customer._id, ...customer });
  });
  app.patch('/customers/:id', async (req, res) => {
    const current = await customers.findOne({ _id: req.params.id });
    if (!current) return void res.status(404).end();
    const next = { ...current, ...(req.body as Partial<Customer>), version: current.version + 1 };
    const replaced = await customers.replaceOne(
      { _id: current._id, version: current.version },
      next,
    );
    if (replaced.matchedCount === 0) return void res.status(412).end();
    res.status(200).json({ id: next._id, ...next });
  });
  const server = app.listen(Number(process.env.BASELINE_PORT ?? 0), '127.0.0.1', () => {
    const address = server.address();
    console.log(
      `baseline listening on ${typeof address === 'object' && address ? address.port : ''} pid ${process.pid}`,
    );
  });
  process.on('SIGTERM', () => {
    server.close();
    void client.close();
  });
}

void main();
