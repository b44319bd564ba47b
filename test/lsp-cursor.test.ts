import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { cursorAt, type Cursor } from '../src/lsp/cursor.js';
import { tokenLength } from '../src/lsp/positions.js';
import { XmlConfigService } from '../src/lsp/xml-config.js';
import { xmlInputs } from './fuzz/inputs.js';

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

describe('lsp on hostile input', () => {
  // few cases: most of their time is validate's, which the fuzz test covers with many more
  it('answers every request on mutated real configs at any position, with ranges inside the text', () => {
    const service = new XmlConfigService({});
    const inside = (doc: TextDocument, r: { start: { line: number; character: number }; end: { line: number; character: number } }) => {
      const [start, end] = [doc.offsetAt(r.start), doc.offsetAt(r.end)];
      assert.ok(start <= end && doc.positionAt(start).line === r.start.line, `range ${JSON.stringify(r)}`);
    };
    fc.assert(
      fc.property(xmlInputs, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 8 }), (input, spots) => {
        const text = Buffer.from(input.bytes).toString('utf8');
        const doc = TextDocument.create('untitled:fuzz.xml', 'xml', 1, text);
        const diagnostics = service.diagnostics(doc);
        for (const d of diagnostics) inside(doc, d.range);
        for (const spot of spots) {
          const position = doc.positionAt(Math.floor(spot * text.length));
          const cursor = cursorAt(text, doc.offsetAt(position));
          if (cursor) assert.ok(cursor.start <= cursor.end && cursor.end <= text.length, `cursor ${cursor.start}..${cursor.end}`);
          const hover = service.hover(doc, position);
          if (hover?.range) inside(doc, hover.range);
          for (const item of service.completion(doc, position)) inside(doc, (item.textEdit as { range: Parameters<typeof inside>[1] }).range);
          const range = { start: position, end: position };
          for (const a of service.codeActions(doc, { textDocument: { uri: doc.uri }, range, context: { diagnostics } })) {
            for (const e of a.edit!.changes![doc.uri]!) inside(doc, e.range);
          }
        }
      }),
      { numRuns: 40, seed: 16 },
    );
  });
});
