import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cursorAt, type Cursor } from '../src/lsp/cursor.js';
import { tokenLength } from '../src/lsp/positions.js';

/** The cursor where `|` stands in the text (the bar removed). */
function at(marked: string): Cursor | undefined {
  const offset = marked.indexOf('|');
  return cursorAt(marked.slice(0, offset) + marked.slice(offset + 1), offset);
}
const brief = (c: Cursor | undefined) => c && { kind: c.kind, open: c.open, name: c.name };

describe('lsp cursor context', () => {
  it('names the element, attribute, value or text under the cursor, with the elements open there', () => {
    assert.deepEqual(brief(at('<drachtio><sip><ud|p-mtu>')), { kind: 'element', open: ['drachtio', 'sip'], name: 'udp-mtu' });
    assert.deepEqual(brief(at('<drachtio><admin por|t="1">')), { kind: 'attribute', open: ['drachtio', 'admin'], name: 'port' });
    assert.deepEqual(brief(at('<drachtio><admin port="1|2">')), { kind: 'value', open: ['drachtio', 'admin'], name: 'port' });
    assert.deepEqual(brief(at("<drachtio><admin port='|'>")), { kind: 'value', open: ['drachtio', 'admin'], name: 'port' });
    assert.deepEqual(brief(at('<drachtio><admin port=|')), { kind: 'value', open: ['drachtio', 'admin'], name: 'port' });
    assert.deepEqual(brief(at('<drachtio><admin>127.0|.0.1</admin>')), { kind: 'text', open: ['drachtio', 'admin'], name: '' });
    assert.deepEqual(brief(at('<drachtio><sip></s|ip>')), { kind: 'closing', open: ['drachtio', 'sip'], name: 'sip' });
  });

  it('between attributes offers a new name, and knows every attribute of the tag, before and after the cursor', () => {
    const c = at('<drachtio><admin port="1" | secret="x"/>');
    assert.deepEqual({ kind: c!.kind, name: c!.name, attrs: c!.attrs }, { kind: 'attribute', name: '', attrs: ['port', 'secret'] });
  });

  it('closes elements at their end tags, self-closing ones at once, and the innermost of a repeated name', () => {
    assert.deepEqual(at('<drachtio><sip><udp-mtu/><timers></timers>|')!.open, ['drachtio', 'sip']);
    assert.deepEqual(at('<drachtio><sip><sip></sip>|')!.open, ['drachtio', 'sip']);
    // an end tag with no open element of its name closes nothing
    assert.deepEqual(at('<drachtio><sip></admin>|')!.open, ['drachtio', 'sip']);
  });

  it('sees nothing in comments, processing instructions and DOCTYPEs, and text in CDATA', () => {
    assert.equal(at('<drachtio><!-- <admin po|rt="1"> -->'), undefined);
    assert.equal(at('<?xml vers|ion="1.0"?><drachtio>'), undefined);
    assert.equal(at('<!DOCTYPE dr|achtio><drachtio>'), undefined);
    assert.deepEqual(brief(at('<drachtio><!-- <sip> --><admin>|')), { kind: 'text', open: ['drachtio', 'admin'], name: '' });
    assert.deepEqual(brief(at('<drachtio><admin><![CDATA[1|27.0.0.1]]></admin>')), { kind: 'text', open: ['drachtio', 'admin'], name: '' });
  });

  it('reads the half-typed text of an editor: a bare "<", an unclosed tag or value', () => {
    assert.deepEqual(brief(at('<drachtio>\n  <sip>\n    <|\n  </sip>')), { kind: 'element', open: ['drachtio', 'sip'], name: '' });
    // the unclosed tag ends at the next "<": what follows is read as usual
    assert.deepEqual(at('<drachtio>\n  <sip\n  <admin>|')!.open, ['drachtio', 'admin']);
    // an unclosed value ends at the next tag, so a completion never replaces the rest of the file
    const text = '<drachtio><spammers action="\n<admin>127.0.0.1</admin>';
    const c = cursorAt(text, text.indexOf('"') + 1)!;
    assert.deepEqual([c.kind, c.end], ['value', text.indexOf('<admin>')]);
  });
});

describe('lsp finding ranges', () => {
  it('cover a whole attribute, a tag name, or text up to the next tag or line end', () => {
    const text = '<a>\n  <admin port = "x y" secret=\'s\'>  127.0.0.1  </admin>\n</a>';
    const len = (needle: string) => tokenLength(text, text.indexOf(needle));
    assert.equal(len('port'), 'port = "x y"'.length);
    assert.equal(len("secret"), "secret='s'".length);
    assert.equal(len('<admin'), '<admin'.length);
    assert.equal(len('127'), '127.0.0.1'.length);
    // a finding at a line's end still shows
    assert.equal(tokenLength(text, text.indexOf('\n')), 1);
  });
});
