import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'node-html-parser';
import { mergeRecord } from '../src/ingest/merge.js';
import { similarSection } from '../src/web/views/similar-list.js';
import { paperRecord } from './helpers/paper-records.js';

describe('similar papers list', () => {
  it('dates each paper, with the month of its arXiv id where no source gave a day, and escapes its text', () => {
    const dated = mergeRecord(null, paperRecord('2503.00001', { title: 'Bounds for <b> & $\\alpha$', versions: [{ version: 1, date: '2025-03-14T09:00:00.000Z' }] }));
    const undated = mergeRecord(null, paperRecord('2602.05744', { versions: [] }));
    const foreign = mergeRecord(null, paperRecord('cacm:12', { versions: [] }));
    const doc = parse(String(similarSection([
      { paper: dated, score: 0.9, explanation: { terms: ['bound'], topics: ['<script>'] } },
      { paper: undated, score: 0.8 },
      { paper: foreign, score: 0.7 },
    ], '2501.00001')));
    const items = doc.querySelectorAll('li.similar-paper');
    assert.deepEqual(items.map((li) => li.getAttribute('data-paper-id')), ['2503.00001', '2602.05744', 'cacm:12']);
    assert.equal(items[0]!.querySelector('time')!.text, 'Mar 14, 2025');
    assert.equal(items[0]!.querySelector('a.similar-title')!.text.startsWith('Bounds for <b> & '), true);
    assert.equal(items[0]!.querySelector('.topic')!.text, '<script>');
    assert.equal(doc.querySelectorAll('script').length, 0);
    const month = items[1]!.querySelector('time')!;
    assert.equal(month.text, 'Feb 2026');
    assert.equal(month.getAttribute('datetime'), '2026-02');
    assert.match(month.getAttribute('title')!, /month of its arXiv id/);
    // Neither a date nor an arXiv id: nothing is made up.
    assert.equal(items[2]!.querySelector('time'), null);
  });
});
