import type { Subscriber } from '../store/subscribers.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** A subscriber as `subscribers list --json` prints it: stable field names for scripts. */
export function subscriberJson(s: Subscriber): Record<string, unknown> {
  return {
    id: s.id, email: s.email, status: s.status, frequency: s.frequency, weekday: DAYS[s.weekday - 1],
    interests: s.interests, pendingChanges: s.pendingChanges, createdAt: s.createdAt, confirmedAt: s.confirmedAt,
    unsubscribedAt: s.unsubscribedAt, bounceCount: s.bounceCount,
  };
}

/** The interests in a few words for the table ("2 categories, 1 topic"), or "trending only". */
function interestSummary(s: Subscriber): string {
  const i = s.interests;
  const parts: string[] = [];
  const add = (n: number, one: string, many: string): void => {
    if (n) parts.push(`${n} ${n === 1 ? one : many}`);
  };
  add(i.categories.length, 'category', 'categories');
  add(i.topics.length, 'topic', 'topics');
  add(i.authors.length, 'author', 'authors');
  add(i.organizations.length, 'org', 'orgs');
  add(i.papers.length, 'paper', 'papers');
  return parts.join(', ') || 'trending only';
}

/** The human table of `subscribers list`: one aligned row per subscriber and a count per status. */
export function formatSubscribers(all: readonly Subscriber[]): string {
  if (!all.length) return 'no subscribers\n';
  const rows = all.map((s) => [
    s.email, s.status, s.frequency === 'weekly' ? `weekly ${DAYS[s.weekday - 1]}` : 'daily', interestSummary(s), s.createdAt.slice(0, 10),
  ]);
  const head = ['EMAIL', 'STATUS', 'FREQUENCY', 'INTERESTS', 'SINCE'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((v, c) => v.padEnd(widths[c]!)).join('  ').trimEnd();
  const byStatus = new Map<string, number>();
  for (const s of all) byStatus.set(s.status, (byStatus.get(s.status) ?? 0) + 1);
  const total = `${all.length} ${all.length === 1 ? 'subscriber' : 'subscribers'}: ${[...byStatus].map(([k, n]) => `${n} ${k}`).join(', ')}`;
  return `${[line(head), ...rows.map(line), total].join('\n')}\n`;
}
