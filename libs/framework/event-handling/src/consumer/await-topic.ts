import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';

/**
 * Waits until `topic` exists. Its owner (the other service's `evp`) creates it; both may start
 * at the same time, and subscribing to a topic that does not exist yet fails. Polls with a
 * growing delay up to `timeoutMs`, then gives up with the last error; `signal` ends the wait.
 */
export async function awaitTopic(
  kafka: Kafka,
  topic: string,
  options: { logger: Logger; timeoutMs: number; signal: AbortSignal },
): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  const deadline = Date.now() + options.timeoutMs;
  try {
    for (let delay = 250, attempt = 1; ; delay = Math.min(delay * 2, 5_000), attempt++) {
      try {
        await admin.fetchTopicMetadata({ topics: [topic] });
        return;
      } catch (error) {
        if (Date.now() + delay > deadline || options.signal.aborted) throw error;
        if (attempt === 1)
          options.logger.info({ topic }, 'waiting for the topic to be created by its publisher');
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, delay);
        options.signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {
          once: true,
        });
      });
    }
  } finally {
    await admin.disconnect();
  }
}
