/** Events an evh has handled so far: the sum of its `evh_events_total{outcome="handled"}`. */
export async function handledEvents(evhUrl: string): Promise<number> {
  const text = await (await fetch(`${evhUrl}/metrics`)).text();
  return [...text.matchAll(/^evh_events_total\{[^}]*outcome="handled"[^}]*\} (\d+)/gm)].reduce(
    (sum, m) => sum + Number(m[1]),
    0,
  );
}
