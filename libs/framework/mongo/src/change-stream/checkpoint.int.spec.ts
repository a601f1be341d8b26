import type { ChangeEvent } from './change-event';
import type { Doc } from '../testing/subscriber-fixture';
import { idOf, ids, subscriberFixture } from '../testing/subscriber-fixture';
import { waitUntil } from '../testing/test-database';

describe('ChangeStreamSubscriber checkpoints', () => {
  let fixture: Awaited<ReturnType<typeof subscriberFixture>>;

  beforeEach(async () => {
    fixture = await subscriberFixture();
  });
  afterEach(() => fixture.cleanUp());

  /** A handler that records every event and blocks until `release()`. */
  const gated = () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const seen: ChangeEvent<Doc>[] = [];
    const handle = async (batch: ChangeEvent<Doc>[]) => {
      seen.push(...batch);
      await gate;
    };
    return { handle, seen, release: () => release() };
  };

  it('saves the checkpoint only after handle resolved', async () => {
    const { handle, seen, release } = gated();
    await fixture.subscriber(handle).start();
    const initial = await fixture.checkpoint();

    await fixture.insert(1, 1);
    await waitUntil(() => seen.length === 1, 'handle was called');

    expect(initial?.token).toBeDefined();
    expect((await fixture.checkpoint())?.token).toEqual(initial?.token);
    release();
    await waitUntil(
      async () =>
        JSON.stringify((await fixture.checkpoint())?.token) === JSON.stringify(seen[0]?._id),
      'the checkpoint moves to the handled event',
    );
  });

  it('finishes and checkpoints the batch in flight when stopped', async () => {
    const { handle, seen, release } = gated();
    const sub = fixture.subscriber(handle);
    await sub.start();
    await fixture.insert(1, 1);
    await waitUntil(() => seen.length === 1, 'handle was called');

    const stopping = sub.stop();
    release();
    await stopping;

    expect((await fixture.checkpoint())?.token).toEqual(seen[0]?._id);
    expect(sub.isRunning()).toBe(false);
  });

  it('resumes after the checkpoint under the same name: no duplicate, no gap', async () => {
    const first: string[] = [];
    const second: string[] = [];
    const sub1 = fixture.subscriber((batch) => {
      first.push(...batch.map(idOf));
      return Promise.resolve();
    });
    await sub1.start();
    await fixture.insert(1, 30);
    await waitUntil(() => first.length === 30, 'the first subscriber handled 30');
    await sub1.stop();

    await fixture.insert(31, 60); // nobody listens
    const sub2 = fixture.subscriber((batch) => {
      second.push(...batch.map(idOf));
      return Promise.resolve();
    });
    await sub2.start();
    await fixture.insert(61, 70);
    await waitUntil(() => second.includes('doc-70@1'), 'the second subscriber caught up');

    expect(first).toEqual(ids(1, 30));
    expect(second).toEqual(ids(31, 70));
  });
});
