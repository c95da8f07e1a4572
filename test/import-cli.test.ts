import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary } from '../src/cli/import.js';
import Database from 'better-sqlite3';
import { LATEST_VERSION } from '../src/db/migrate.js';

const BIN = fileURLToPath(new URL('../../bin/paperboy.js', import.meta.url));
const FIXTURES = fileURLToPath(new URL('../../test/fixtures/import/', import.meta.url));

describe('paperboy import (CLI)', () => {
  let dir = '';
  let env: NodeJS.ProcessEnv = {};
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'paperboy-cli-'));
    env = { ...process.env, DATABASE_URL: join(dir, 'cli.db') };
    const m = run('migrate');
    assert.equal(m.status, 0, m.stderr);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints exactly one JSON summary and exits 1 when a file was bad', () => {
    const r = run('import', join(FIXTURES, 'hf-repr'), join(FIXTURES, 'snapshot'), '--json');
    assert.equal(r.status, 1, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out), ['added', 'updated', 'unchanged', 'failed', 'errors']);
    assert.deepEqual([out.added, out.updated, out.failed], [5, 0, 1]);
    assert.equal(out.errors.length, 1);
    assert.deepEqual(Object.keys(out.errors[0]), ['source', 'message']);
    assert.equal(out.errors[0].source, `${join(FIXTURES, 'hf-repr/2024-12-20.json')}:4`);
    assert.equal(r.stdout.trim().split('\n').length, 1);
  });

  it('exits 0 when everything imported, and reports unchanged the second time', () => {
    const r = run('import', join(FIXTURES, 'daily'), '--json', '--batch-size', '1');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).failed, 0);
    const again = JSON.parse(run('import', join(FIXTURES, 'daily'), '--json').stdout);
    assert.deepEqual([again.added, again.unchanged], [0, 2]);
  });

  it('names a missing path and prints a human summary', () => {
    const missing = join(dir, 'no-such-dir');
    const r = run('import', missing, join(FIXTURES, 'minicisi'));
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^added 1, updated 0, unchanged 0, failed 1 \(/);
    assert.ok(r.stdout.includes(`${missing}: no such file or directory`));
  });

  it('rejects a bad --batch-size', () => {
    const r = run('import', join(FIXTURES, 'daily'), '--batch-size', 'lots');
    assert.equal(r.status, 2);
    assert.match(r.stderr, /--batch-size/);
  });

  it('caps the listed errors', () => {
    const errors = Array.from({ length: 53 }, (_, i) => ({ source: `f.jsonl:${i + 1}`, message: 'bad' }));
    const text = formatSummary({ added: 1, updated: 0, unchanged: 0, failed: 53, errors }, 1);
    assert.ok(text.includes('f.jsonl:50: bad'));
    assert.ok(!text.includes('f.jsonl:51: bad'));
    assert.ok(text.includes('... and 3 more'));
  });
});

describe('paperboy import into a database without a schema', () => {
  let dir = '';
  before(() => { dir = mkdtempSync(join(tmpdir(), 'paperboy-fresh-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const run = (file: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: join(dir, file) }, encoding: 'utf8' });

  it('creates the schema of a new database, says so, and imports', () => {
    const stats = run('new.db', 'stats');
    assert.equal(stats.status, 2);
    assert.match(stats.stderr, /has no paperboy schema yet: run `paperboy migrate` \(or `npm start`\) to create it/);
    const r = run('new.db', 'import', join(FIXTURES, 'daily'), '--json');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, new RegExp(`created the schema \\(version ${LATEST_VERSION}\\) in SQLite `));
    assert.equal(JSON.parse(r.stdout).added, 2);
    const again = run('new.db', 'import', join(FIXTURES, 'daily'), '--json');
    assert.doesNotMatch(again.stderr, /created the schema/);
    assert.equal(JSON.parse(again.stdout).unchanged, 2);
  });

  it('leaves upgrading an existing schema to paperboy migrate', () => {
    assert.equal(run('old.db', 'migrate').status, 0);
    const db = new Database(join(dir, 'old.db'));
    db.prepare('DELETE FROM schema_migrations WHERE version = ?').run(LATEST_VERSION);
    db.close();
    const r = run('old.db', 'import', join(FIXTURES, 'daily'));
    assert.equal(r.status, 2);
    assert.match(r.stderr, new RegExp(`is at schema version ${LATEST_VERSION - 1}, this paperboy needs ${LATEST_VERSION}: run \`paperboy migrate\` first`));
    assert.doesNotMatch(r.stdout, /added/);
  });
});
