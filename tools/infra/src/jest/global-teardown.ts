import { sessionOfSetup } from './tier';

/** Stops exactly what the global setup of this Jest run started, and nothing else. */
export default async function globalTeardown(): Promise<void> {
  await sessionOfSetup()?.stop();
}
