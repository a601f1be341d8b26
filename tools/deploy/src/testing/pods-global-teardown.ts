/**
 * Jest global teardown of the pods tier: SIGTERM to the pods system, which closes its port
 * forwards and stops the cluster when it started it.
 */
export default async function podsGlobalTeardown(): Promise<void> {
  const child = globalThis.podsTierSystem;
  globalThis.podsTierSystem = undefined;
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
