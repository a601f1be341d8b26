/**
 * Runs the tasks given to it one after another, in the order given, whatever each one's outcome:
 * the `chgh` leader's live batches and its rebuild steps share one, so a switch never races a
 * batch.
 */
export function serial(): <T>(task: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>): Promise<T> => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}
