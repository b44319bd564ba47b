import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UserError } from '../src/errors.js';
import { XmlWriterElement } from '../src/xml/writer.js';

describe('XML writer', () => {
  it('indents by two spaces, keeps text-only elements on one line and closes empty ones', () => {
    const root = new XmlWriterElement('drachtio');
    root.com(' the admin connection ');
    root.ele('admin', { port: '9022' }).txt('127.0.0.1');
    root.ele('sip').ele('contacts').ele('contact');
    assert.equal(
      root.toDocument(),
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<drachtio>',
        '  <!-- the admin connection -->',
        '  <admin port="9022">127.0.0.1</admin>',
        '  <sip>',
        '    <contacts>',
        '      <contact/>',
        '    </contacts>',
        '  </sip>',
        '</drachtio>',
      ].join('\n'),
    );
  });

  it('escapes markup in text and attributes, quotes only in attributes', () => {
    const el = new XmlWriterElement('a').att('v', `1 & <2> "3" '4'`).txt(`1 & <2> "3" ]]>`);
    assert.equal(el.toDocument().split('\n')[1], `<a v="1 &amp; &lt;2&gt; &quot;3&quot; '4'">1 &amp; &lt;2&gt; "3" ]]&gt;</a>`);
  });

  it('puts text beside child elements on lines of its own, and replaces an attribute where it stands', () => {
    const el = new XmlWriterElement('a').att('x', '1').att('y', '2').att('x', '3');
    el.txt('t');
    el.ele('b');
    assert.deepEqual(el.toDocument().split('\n').slice(1), ['<a x="3" y="2">', '  t', '  <b/>', '</a>']);
  });

  it('refuses what is not an XML name', () => {
    assert.throws(() => new XmlWriterElement('1a'), UserError);
    assert.throws(() => new XmlWriterElement('a').att('b c', ''), UserError);
  });
});
