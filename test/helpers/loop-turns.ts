/**
 * Counts turns of the event loop while background work runs, the way a waiting request would get
 * one: a callback re-queued with setImmediate. On SQLite a loop of awaited queries resumes on
 * microtasks only, so the count stands still unless the work yields.
 */
export function loopTurns(): { count(): number; stop(): void } {
  let turns = 0;
  let running = true;
  const tick = (): void => { turns++; if (running) setImmediate(tick); };
  setImmediate(tick);
  return { count: () => turns, stop: () => { running = false; } };
}
