import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { unicodeMathVariants } from '../src/web/views/math-variants.js';
import { mathMarkup } from '../src/web/views/tex-math.js';

describe('unicodeMathVariants', () => {
  it('writes styled letters and digits as their Unicode mathematical forms', () => {
    assert.equal(unicodeMathVariants('<mi mathvariant="double-struck">R</mi>'), '<mi>ℝ</mi>');
    assert.equal(unicodeMathVariants('<mi mathvariant="script">O</mi>'), '<mi>𝒪</mi>');
    assert.equal(unicodeMathVariants('<mi mathvariant="script">L</mi>'), '<mi>ℒ</mi>');
    assert.equal(unicodeMathVariants('<mi mathvariant="bold">x</mi><mn mathvariant="bold">12</mn>'), '<mi>𝐱</mi><mn>𝟏𝟐</mn>');
    assert.equal(unicodeMathVariants('<mi mathvariant="fraktur">g</mi>'), '<mi>𝔤</mi>');
    assert.equal(unicodeMathVariants('<mn mathvariant="double-struck">1</mn>'), '<mn>𝟙</mn>');
    assert.equal(unicodeMathVariants('<mtext mathvariant="monospace">ab</mtext>'), '<mtext>𝚊𝚋</mtext>');
  });

  it('leaves what has no styled form: Greek, normal letters, digits of a style without them, unknown styles', () => {
    for (const m of ['<mi mathvariant="bold-italic">θ</mi>', '<mi mathvariant="normal">d</mi>', '<mn mathvariant="script">1</mn>',
      '<mi mathvariant="stretched">x</mi>', '<mtext mathvariant="bold">a b</mtext>']) assert.equal(unicodeMathVariants(m), m);
  });

  it('is applied to every typeset formula', () => {
    const out = mathMarkup('x \\in \\mathbb{R}^n', false)!.value;
    assert.match(out, /<mi>ℝ<\/mi>/);
    assert.doesNotMatch(out, /mathvariant="double-struck"/);
    assert.match(out, /<annotation encoding="application\/x-tex">x \\in \\mathbb\{R\}\^n<\/annotation>/);
  });
});
