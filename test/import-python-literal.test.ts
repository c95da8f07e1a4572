import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parsePythonLiteral } from '../src/ingest/hf-daily/python-literal.js';

const value = (text: string): unknown => {
  const r = parsePythonLiteral(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.message}`);
  return r.value;
};

describe('parsePythonLiteral', () => {
  it('reads dicts, lists, tuples, numbers and the three constants', () => {
    assert.deepEqual(value("{'a': [1, -2, 3.5, 1e3, (4, 5)], 'b': {'c': None, 'd': True, 'e': False}, 7: ()}"),
      { a: [1, -2, 3.5, 1000, [4, 5]], b: { c: null, d: true, e: false }, 7: [] });
    assert.deepEqual(value(' [ ] '), []);
    assert.deepEqual(value("{'trailing': [1, 2,],}"), { trailing: [1, 2] });
  });

  it('decodes both quote styles and every escape repr writes', () => {
    assert.equal(value(`"Don't"`), "Don't");
    assert.equal(value(`'say "hi"'`), 'say "hi"');
    assert.equal(value(String.raw`'it\'s \\LaTeX\n\t\r'`), "it's \\LaTeX\n\t\r");
    assert.equal(value(String.raw`'\x07\xe9\u200b\U0001f600'`), '\x07\u00e9\u200b\u{1f600}');
    assert.equal(value(String.raw`'\101\0'`), 'A\0');
    // Python keeps an unknown escape as written.
    assert.equal(value(String.raw`'\d+ \e'`), '\\d+ \\e');
    assert.equal(value(`'caf\u00e9 \u2014 \u{1f600}'`), 'caf\u00e9 \u2014 \u{1f600}');
  });

  it('names the offset of what is not a literal', () => {
    const cases: Array<[string, number, RegExp]> = [
      ["{'when': datetime.datetime(2024, 1, 1)}", 9, /unexpected "d"/],
      ["{'a': 'open", 6, /unterminated string/],
      ["{'a' 1}", 5, /expected ':'/],
      ['[1 2]', 3, /expected ',' or ']'/],
      ["{'a': 1} extra", 9, /unexpected text after the value/],
      ["{['a']: 1}", 1, /a key must be a string or a number/],
      ["'\\U00110000'", 1, /not a character/],
      ['', 0, /unexpected end of text/],
    ];
    for (const [text, offset, message] of cases) {
      const r = parsePythonLiteral(text);
      assert.ok(!r.ok, text);
      assert.equal(r.offset, offset, text);
      assert.match(r.message, message, text);
    }
  });
});
