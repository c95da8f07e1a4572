import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqlite } from '../src/db/sqlite.js';
import { handOffCheckpoints, startWalCheckpointer } from '../src/db/wal-checkpointer.js';

const walSize = (file: string): number => {
  try { return statSync(`${file}-wal`).size; } catch { return 0; }
};

/** Writes `batches` transactions of 200 rows with a pause between them (the checkpointer's chance). */
async function write(file: string, batches: number, checkpointed: boolean): Promise<number> {
  const db = openSqlite(file);
  await db.exec('CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  handOffCheckpoints(db);
  const cp = checkpointed ? startWalCheckpointer(file, 10, 256 * 1024) : null;
  let largest = 0;
  try {
    for (let b = 0; b < batches; b++) {
      await db.transaction(async (tx) => {
        for (let i = 0; i < 200; i++) await tx.run('INSERT INTO t (body) VALUES (?)', ['x'.repeat(500)]);
      });
      largest = Math.max(largest, walSize(file));
      await new Promise((r) => setTimeout(r, 3));
    }
  } finally {
    cp?.stop();
  }
  const n = await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM t');
  assert.equal(Number(n?.n), batches * 200, 'every row is there');
  await db.close();
  return largest;
}

describe('WAL checkpointer for bulk imports', () => {
  it('keeps the log bounded while another connection writes without checkpointing itself', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pb-wal-'));
    try {
      const without = await write(join(dir, 'a.db'), 60, false);
      const withCp = await write(join(dir, 'b.db'), 60, true);
      // 12,000 rows of 500 bytes: about 6 MB of log when nobody checkpoints.
      assert.ok(without > 4_000_000, `without a checkpointer the log grows (${without} bytes)`);
      assert.ok(withCp < without / 2, `with one it stays small (${withCp} vs ${without} bytes)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
