/**
 * Resolves on the event loop's next turn, after pending I/O (such as waiting HTTP requests).
 *
 * Why: SQLite's driver is synchronous, so a loop of awaited queries and computations only ever
 * resumes on microtasks and holds the server for as long as it runs; a background job calls this
 * between batches so a request waits for one batch at most, not for the whole job.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
