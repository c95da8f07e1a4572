import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatSummary } from '../src/cli/import.js';

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
