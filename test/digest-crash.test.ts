import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backends } from './helpers/databases.js';
import { DIGEST_DAY } from './helpers/digest-seed.js';
import { runCli, startCli } from './helpers/cli-process.js';
import { deliveries, digestWorld, inDoubtRows, WORLD_CONNECTIONS, type DigestWorld } from './helpers/digest-world.js';

const N = 40;
const SEND = ['digest', 'send', '--date', DIGEST_DAY, '--lease', '2', '--json'];

/** For each row seen in doubt at a kill: how often its mail had been handed over then, and its Message-ID. */
type DoubtLog = Map<string, { handoffs: number; messageId: string }>;

/** Starts a sender, kills it with SIGKILL when `killWhen` resolves, and logs the rows then in doubt. */
async function killedRun(w: DigestWorld, killWhen: Promise<unknown>, log: DoubtLog): Promise<{ received: number; doubt: number }> {
  const child = startCli(SEND, w.env);
  const exited = new Promise((r) => child.once('exit', r));
  await Promise.race([killWhen, exited]);
  child.kill('SIGKILL');
  await exited;
  const doubt = await inDoubtRows(w.env);
  // Rows an earlier killed run left in doubt stay so until their lease runs out; this run adds at most one per connection.
  const added = doubt.filter((d) => log.get(d.email)?.handoffs !== d.handoffs);
  assert.ok(added.length <= WORLD_CONNECTIONS, `${added.length} rows newly in doubt, more than the ${WORLD_CONNECTIONS} connections`);
  for (const d of doubt) {
    const seen = log.get(d.email);
    if (seen) assert.equal(seen.messageId, d.messageId, `${d.email}: the Message-ID of a row never changes`);
    log.set(d.email, { handoffs: Math.max(seen?.handoffs ?? 0, d.handoffs), messageId: d.messageId });
  }
  return { received: w.sink.mails.length, doubt: added.length };
}

/**
 * After the final run: nobody lost; every subscriber whose row was never in doubt at a kill got
 * exactly one mail; a row in doubt after k hand-overs got at most k + 1 mails (the last run's), all
 * with its one Message-ID.
 */
async function assertExactlyOnce(w: DigestWorld, log: DoubtLog): Promise<number> {
  const last = await runCli(SEND, w.env, 60_000);
  assert.equal(last.code, 0, last.stderr);
  const got = deliveries(w.sink);
  let repeats = 0;
  for (const e of w.emails) {
    const d = got.get(e);
    assert.ok(d, `${e} got nothing`);
    assert.equal(d.ids.size, 1, `${e}: one digest (one Message-ID)`);
    const doubt = log.get(e);
    if (!doubt) { assert.equal(d.mails, 1, `${e} was never in doubt: exactly one mail`); continue; }
    assert.equal([...d.ids][0], doubt.messageId);
    assert.ok(d.mails <= doubt.handoffs + 1, `${e}: ${d.mails} mails after ${doubt.handoffs} hand-overs in doubt`);
    repeats += d.mails - 1;
  }
  assert.deepEqual(await inDoubtRows(w.env), [], 'nothing in doubt once a run finished');
  const status = JSON.parse((await runCli(['digest', 'status', '--json'], w.env)).stdout) as { totals: { sent: number; pending: number } };
  assert.deepEqual([status.totals.sent, status.totals.pending], [N, 0]);
  return repeats;
}

const randomMs = (lo: number, hi: number): number => Math.round(lo + Math.random() * (hi - lo));
const after = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

for (const backend of backends()) {
  describe(`digest sender killed at any moment (${backend.name})`, () => {
    it('random kills, not timed by the sink: exactly one mail for every row not in doubt, no loss', async () => {
      for (let world = 0; world < 2; world++) {
        const w = await digestWorld(backend, N);
        try {
          const log: DoubtLog = new Map();
          const notes: string[] = [];
          // A run starts mailing after about a second and mails for two to three more.
          for (let kill = 0; kill < 3; kill++) {
            const ms = randomMs(700, 3000);
            const k = await killedRun(w, after(ms), log);
            notes.push(`kill at ${ms} ms: ${k.received} received, ${k.doubt} newly in doubt`);
          }
          const repeats = await assertExactlyOnce(w, log);
          process.stderr.write(`# ${backend.name}: ${notes.join('; ')}; ${repeats} repeated (same Message-ID)\n`);
        } finally {
          await w.close();
        }
      }
    });

    it('a kill right as the sink accepts a mail repeats at most the rows in doubt', async () => {
      const w = await digestWorld(backend, N);
      try {
        const log: DoubtLog = new Map();
        const k = await killedRun(w, w.sink.waitFor(8), log);
        assert.ok(k.received < N, `killed before the end (${k.received} of ${N})`);
        const text = await runCli(['digest', 'status'], w.env);
        assert.match(text.stdout, new RegExp(`\\(\\d+ waiting to retry, ${k.doubt} in doubt\\)`));
        if (k.doubt) assert.match(text.stdout, new RegExp(`handed to the SMTP server, outcome not recorded: ${k.doubt} [\\s\\S]*<digest-daily-${DIGEST_DAY}-`));
        const repeats = await assertExactlyOnce(w, log);
        assert.ok(repeats <= k.doubt);
        process.stderr.write(`# ${backend.name}: killed after ${k.received} mails, ${k.doubt} in doubt, ${repeats} repeated (same Message-ID)\n`);
      } finally {
        await w.close();
      }
    });
  });
}
