import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SETTING_NAMES } from '../src/config/config.js';
import { unknownSettings } from '../src/config/unknown-settings.js';
import { runCli } from './helpers/cli-process.js';

describe('unknown PAPERBOY_ settings', () => {
  it('names a misspelt setting and the one it probably meant', () => {
    const w = unknownSettings({ PAPERBOY_SECRT: 'x'.repeat(20), PAPERBOY_PORT: '80', HOME: '/root' }, SETTING_NAMES);
    assert.deepEqual(w, ['PAPERBOY_SECRT is not a paperboy setting and is ignored (did you mean PAPERBOY_SECRET?)']);
  });

  it('suggests the setting whose name holds the one given (PAPERBOY_DATABASE -> DATABASE_URL)', () => {
    assert.match(unknownSettings({ PAPERBOY_DATABASE: 'x.db' }, SETTING_NAMES)[0]!, /did you mean DATABASE_URL\?/);
    assert.match(unknownSettings({ PAPERBOY_SMTP: 'smtp://h' }, SETTING_NAMES)[0]!, /did you mean SMTP_URL\?/);
  });

  it('makes no guess for a name like no setting, and reports each unknown name once, sorted', () => {
    assert.deepEqual(unknownSettings({ PAPERBOY_ZZZZZZZZZZ: '1', PAPERBOY_AAAAAAAAAA: '1' }, SETTING_NAMES), [
      'PAPERBOY_AAAAAAAAAA is not a paperboy setting and is ignored',
      'PAPERBOY_ZZZZZZZZZZ is not a paperboy setting and is ignored',
    ]);
  });

  it('leaves every real setting and the test and benchmark variables alone', () => {
    const env = Object.fromEntries(SETTING_NAMES.map((n) => [n, '1']));
    const tools = { PAPERBOY_TEST_DATABASE_URL: 'x', PAPERBOY_BENCH_DATABASE_URL: 'x', PAPERBOY_SHARED: 'x', PAPERBOY_SKIP_BROWSER: '1', PAPERBOY_CHROMIUM: 'x' };
    assert.deepEqual(unknownSettings({ ...env, ...tools }, SETTING_NAMES), []);
    assert.ok(SETTING_NAMES.includes('DATABASE_URL') && SETTING_NAMES.includes('PAPERBOY_SECRET'));
  });

  it('is a warning on stderr: the command still runs on the settings it knows', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'paperboy-unknown-'));
    try {
      const r = await runCli(['migrate'], { DATABASE_URL: join(dir, 'p.db'), PAPERBOY_DATABSE_URL: join(dir, 'other.db') });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stderr, /paperboy: warning: PAPERBOY_DATABSE_URL is not a paperboy setting and is ignored \(did you mean DATABASE_URL\?\)/);
      assert.match(r.stdout, /p\.db/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
