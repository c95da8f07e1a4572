import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { createServer, type AddressInfo } from 'node:net';
import { upsertRecords } from '../src/store/papers-write.js';
import { backends } from './helpers/databases.js';
import { paperRecord } from './helpers/paper-records.js';
import { runCli, startCli } from './helpers/cli-process.js';

describe('paperboy serve (real process, real port)', () => {
  it('serves over HTTP and stops cleanly on SIGTERM', async () => {
    const fresh = await backends()[0]!.create();
    await upsertRecords(fresh.db, [paperRecord('2501.00001', { title: 'Served over HTTP', listing: { day: '2025-03-18' } })]);
    const child = startCli(['serve', '--no-schedule'], {
      DATABASE_URL: fresh.url, PAPERBOY_HOST: '127.0.0.1', PAPERBOY_PORT: '0', PAPERBOY_LOG_LEVEL: 'info',
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const logs: Record<string, unknown>[] = [];
    const kill = setTimeout(() => child.kill('SIGKILL'), 15_000);
    try {
      const lines = createInterface({ input: child.stdout });
      const port = await new Promise<number>((resolve, reject) => {
        child.on('close', () => reject(new Error(`serve exited early: ${stderr}`)));
        lines.on('line', (line) => {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logs.push(entry);
          if (typeof entry['port'] === 'number' && String(entry['msg']).startsWith('paperboy is serving')) resolve(entry['port']);
        });
      });
      const base = `http://127.0.0.1:${port}`;
      const health = await fetch(`${base}/healthz`);
      assert.deepEqual(await health.json(), { ok: true });
      const home = await fetch(`${base}/`);
      assert.equal(home.status, 200);
      assert.match(home.headers.get('content-security-policy')!, /frame-ancestors 'none'/);
      assert.match(await home.text(), /Served over HTTP/);
      // The paper was stored but never indexed: serve indexes queued papers when it starts.
      const found = async (): Promise<boolean> => {
        const r = await fetch(`${base}/api/papers/search?q=served&mode=keyword`);
        return JSON.stringify(await r.json()).includes('2501.00001');
      };
      for (let i = 0; i < 50 && !(await found()); i++) await new Promise((r) => setTimeout(r, 100));
      assert.ok(await found(), 'the queued paper is searchable');
      assert.ok(logs.some((l) => l['msg'] === 'indexed queued papers' && l['papers'] === 1), 'and the indexing is logged');

      const closed = once(child, 'close');
      child.kill('SIGTERM');
      const [code] = await closed;
      assert.equal(code, 0, stderr);
      assert.ok(logs.some((l) => l['msg'] === 'stopped'), 'logs the end of a clean shutdown');
      assert.ok(logs.every((l) => !JSON.stringify(l).includes('password')));
    } finally {
      clearTimeout(kill);
      child.kill('SIGKILL');
      await fresh.drop();
    }
  });

  it('says which setting to change when the port is taken', async () => {
    const fresh = await backends()[0]!.create();
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const run = await runCli(['serve', '--no-schedule'], { DATABASE_URL: fresh.url, PAPERBOY_HOST: '127.0.0.1', PAPERBOY_PORT: String(port) });
      assert.equal(run.code, 2, run.stderr);
      assert.match(run.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the port is in use \\(set PAPERBOY_PORT`));
    } finally {
      blocker.close();
      await fresh.drop();
    }
  });
});
