import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseXml } from '../src/model/parse.js';
import { checkParsed } from '../src/validate/engine.js';
import { renderXml } from '../src/xml/render.js';
import { toComparable } from '../src/model/comparable.js';
import { contactsInForce, parseSipUri, splitSipUri } from '../src/model/contacts.js';
import { SIP_URI } from '../src/schema/patterns.js';
import type { RawValue } from '../src/model/config.js';
import { buildTree } from '../src/xml/build.js';
import { LineIndex } from '../src/xml/positions.js';
import type { XmlElement } from '../src/xml/tree.js';

const SAMPLE = [
  '<?xml version="1.0"?>',
  '<drachtio>',
  '  <admin port="9022" secret="one" port="9023" tcp-keepalive-interval="30">127.0.0.1</admin>',
  '  <sip>',
  '    <contacts>',
  '      <contact external-ip="203.0.113.1" local-net="10.0.0.0/8">sip:10.0.0.5:5060;transport=udp</contact>',
  '      <contact dns-names="a.example.com, b.example.com">sip:10.0.0.5:5061;transport=tls</contact>',
  '    </contacts>',
  '    <mtu-size>1500</mtu-size>',
  '  </sip>',
  '  <logging><loglevel>debug</loglevel></logging>',
  '  <logging><loglevel>error</loglevel></logging>',
  '</drachtio>',
].join('\n');

/** A value's text and position as plain data (the model's values are views of the tree). */
const plain = (v: RawValue | undefined) => v && { raw: v.raw, pos: v.pos };

describe('parseXml', () => {
  const { config, xml } = parseXml(SAMPLE, 'sample.xml');

  it('keeps line and column of attributes and element text', () => {
    assert.deepEqual(plain(config.values.get('admin.port')), { raw: '9022', pos: { line: 3, column: 10 } });
    assert.deepEqual(config.values.get('admin.address')?.pos, { line: 3, column: 75 });
    assert.equal(config.values.get('logging.loglevel')?.raw, 'debug');
  });

  it('lets the first repeated attribute and element win, as the server does', () => {
    assert.equal(config.values.get('admin.port')?.raw, '9022');
    const dupes = config.ignored.filter((n) => n.reason === 'duplicate').map((n) => `${n.name}@${n.pos.line}:${n.pos.column}`);
    assert.deepEqual(dupes, ['port@3:35', 'logging@12:3']);
    assert.equal(xml.problems.length, 1, 'the repeated attribute is not well-formed XML');
  });

  it('keeps unknown elements and attributes with their positions', () => {
    const unknown = config.ignored.filter((n) => n.reason === 'unknown').map((n) => `${[...n.parent, n.name].join('/')}@${n.pos.line}`);
    assert.deepEqual(unknown, ['admin/tcp-keepalive-interval@3', 'sip/mtu-size@9']);
  });

  it('reads list items with their fields', () => {
    const contacts = config.lists.get('sip.contacts')!;
    assert.equal(contacts.length, 2);
    assert.equal(contacts[0]!.fields['external-ip']!.raw, '203.0.113.1');
    assert.deepEqual(contacts[1]!.fields['dns-names']!.pos, { line: 7, column: 16 });
  });

  it('reads the text of an element with many children whole, pieces between them joined, entities decoded, CDATA kept', () => {
    const noise = Array.from({ length: 12 }, (_, i) => `<x${i}/>`).join(' ');
    const { config, xml } = parseXml(`<drachtio><logging><loglevel>in${noise}f&amp;<![CDATA[<o>]]>${noise}</loglevel></logging></drachtio>`, 'many.xml');
    const expected = `in${' '.repeat(11)}f&<o>${' '.repeat(11)}`;
    assert.equal(config.values.get('logging.loglevel')?.raw, expected);
    const loglevel = xml.roots[0]!.children[0]!.children[0]!;
    assert.equal(loglevel.children.length, 24);
    assert.equal(JSON.parse(JSON.stringify(loglevel)).text, expected);
    assert.equal({ ...loglevel }.text, expected);
  });

  it('does not trim text, because the server does not', () => {
    const { config: c } = parseXml('<drachtio><admin>\n  127.0.0.1\n</admin></drachtio>', 'x');
    assert.equal(c.values.get('admin.address')!.raw, '\n  127.0.0.1\n');
  });

  it('accepts a byte-order mark and CRLF line ends', () => {
    const { config: c, xml: x } = parseXml('\ufeff<drachtio>\r\n<admin port="1">127.0.0.1</admin>\r\n</drachtio>\r\n', 'x');
    assert.equal(x.fatal, undefined);
    assert.deepEqual(plain(c.values.get('admin.port')), { raw: '1', pos: { line: 2, column: 8 } });
  });

  it('finds each position when first read, the same object when read again, for the tree and the model alike', () => {
    const { config: c, xml: x } = parseXml(SAMPLE, 'x');
    const contacts = c.lists.get('sip.contacts')!;
    const contact = x.roots[0]!.children[1]!.children[0]!.children[0]!;
    assert.equal(contact.name, 'contact');
    // the item is the element's place, the uri its text's, the attributes their names'
    assert.deepEqual(contacts[0]!.pos, { line: 6, column: 7 });
    assert.equal(contacts[0]!.pos, contact.pos);
    const line6 = SAMPLE.split('\n')[5]!;
    assert.deepEqual(contacts[0]!.fields.uri!.pos, { line: 6, column: line6.indexOf('sip:') + 1 });
    assert.equal(contacts[0]!.fields.uri!.pos, contact.textPos);
    assert.equal(contacts[0]!.fields['external-ip'], contact.attrs[0], 'an attribute is its own value');
    assert.deepEqual(plain(contacts[0]!.fields['local-net']), { raw: '10.0.0.0/8', pos: { line: 6, column: line6.indexOf('local-net') + 1 } });
    // an element without text has its own position as its text's
    const empty = parseXml('<drachtio><admin/></drachtio>', 'x').xml.roots[0]!.children[0]!;
    assert.equal(empty.textPos, empty.pos);
  });

  it('places every position where the text stands in the file holding it (XML inline in a manifest)', () => {
    const moved = (p: { line: number; column: number }) => ({ line: p.line + 10, column: p.column + 4 });
    const { config: c, xml: x } = parseXml('<drachtio>\n<admin port="1">127.0.0.1</admin>\n<sip><b></c></sip>\n<x a="1" a="2"/>\n</drachtio>', 'm.yaml', moved);
    assert.deepEqual(c.values.get('admin.port')!.pos, { line: 12, column: 12 });
    assert.deepEqual(c.values.get('admin.address')!.pos, { line: 12, column: 21 });
    assert.deepEqual(c.root!.pos, { line: 11, column: 5 });
    // the validator's own positions too (a mismatched closing tag the server's reader accepts), and those found after a repair
    assert.deepEqual(x.problems.map((p) => p.pos), [{ line: 13, column: 13 }, { line: 14, column: 14 }]);
  });

  it('expands no DOCTYPE entities (no XXE, no billion laughs)', () => {
    const text = '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY a "aaaaaaaaaa">]><drachtio><admin secret="&x;&a;">127.0.0.1</admin></drachtio>';
    const { config: c } = parseXml(text, 'x');
    assert.equal(c.values.get('admin.secret')?.raw, '&x;&a;');
  });

  it('reads "<!DOCTYPE" in a comment, CDATA or instruction as the text it is, and blanks a real DOCTYPE', () => {
    const text = '<drachtio><?note <!DOCTYPE p> ?><!-- <!DOCTYPE c> --><admin secret="s">127.0.0.1</admin><x><![CDATA[<!DOCTYPE t>]]></x></drachtio>';
    const { xml: x } = parseXml(text, 'x');
    assert.equal(x.fatal, undefined);
    assert.deepEqual(x.comments.map((c) => c.text), [' <!DOCTYPE c> ']);
    assert.equal(x.roots[0]!.children.find((e) => e.name === 'x')!.text, '<!DOCTYPE t>');
    assert.equal(x.text, text);
    const doctype = '<!DOCTYPE d [<!-- inside -->]>';
    const { xml: y } = parseXml(`${doctype}<drachtio><admin>127.0.0.1</admin></drachtio>`, 'y');
    assert.deepEqual(y.comments, []);
    assert.equal(y.text.slice(0, doctype.length).trim(), '');
  });

  it('reports not-well-formed XML with its line and column', () => {
    const { xml: x } = parseXml('<drachtio>\n  <admin port="9022">127.0.0.1\n</drachtio>', 'x');
    // </drachtio> closes <admin> (the server does not check names), then <drachtio> is never closed
    assert.deepEqual(x.problems.map((p) => p.pos), [{ line: 3, column: 1 }]);
    assert.match(x.fatal!.message, /Unclosed tag 'drachtio'/);
  });
});

describe('LineIndex', () => {
  it('finds the line and column of any offset, asked in any order, and the offset of any line', () => {
    const text = 'a\n\nbc\r\n  d\n' + 'x'.repeat(50) + '\n\n';
    const expected = (offset: number) => {
      const before = text.slice(0, offset);
      return { line: before.split('\n').length, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
    };
    const offsets = [...Array(text.length + 1).keys()];
    // from the end first, then from the start, then scattered: the index finds line ends as it is asked
    for (const order of [[...offsets].reverse(), offsets, offsets.map((_, i) => (i * 37) % offsets.length)]) {
      const lines = new LineIndex(text);
      for (const o of order) assert.deepEqual(lines.at(o), expected(o), `offset ${o}`);
    }
    const lines = new LineIndex(text);
    const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
    for (let line = starts.length; line >= 1; line--) assert.equal(lines.offset(line, 3), starts[line - 1]! + 2, `line ${line}`);
    // past the last line: the last line's start, as before
    assert.equal(new LineIndex(text).offset(starts.length + 5, 1), starts[starts.length - 1]);
  });
});

describe('a valid config', () => {
  it('is checked without finding the line of anything past <admin>', () => {
    // a position is a search of the text for line ends, so rules ask for one only to report it
    // (the admin listeners carry theirs: a few, at the top)
    const contacts = Array.from({ length: 50 }, (_, i) => `      <contact external-ip="203.0.113.${i}" local-net="10.0.0.0/8">sip:10.0.0.${i}:5060;transport=udp</contact>`);
    const text = [
      '<drachtio>',
      '  <admin port="9022" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>',
      '  <sip>',
      '    <contacts>',
      ...contacts,
      '    </contacts>',
      '    <spammers><header name="User-Agent"><value>sipvicious</value><value>friendly-scanner</value></header></spammers>',
      '  </sip>',
      '  <logging><console/><loglevel>info</loglevel></logging>',
      '</drachtio>',
    ].join('\n');
    const asked: number[] = [];
    const at = LineIndex.prototype.at;
    LineIndex.prototype.at = function (this: LineIndex, offset: number) {
      asked.push(offset);
      return at.call(this, offset);
    };
    try {
      assert.deepEqual(checkParsed(parseXml(text, 'big.xml')), []);
    } finally {
      LineIndex.prototype.at = at;
    }
    assert.deepEqual(asked.filter((offset) => offset > text.indexOf('</admin>')), []);
  });
});

describe('the tree builder reads names it has seen before', () => {
  const names = (el: XmlElement): string[] => [el.name, ...el.attrs.map((a) => `@${a.name}=${a.value}`), ...el.children.flatMap(names)];
  const read = (text: string) => buildTree(text, new LineIndex(text), true)?.flatMap(names);

  it('as scanning them would: a known name that is the start of a longer one is not taken for it', () => {
    // first seen, so known to every later read (the names are shared by all files of a run)
    assert.deepEqual(read('<ab abc="1"><abc ab="2"/></ab>'), ['ab', '@abc=1', 'abc', '@ab=2']);
    assert.deepEqual(read('<abcd abcd="1" ab="2"><abc\tab\n=\'3\'/><ab/><abc></abc></abcd>'), ['abcd', '@abcd=1', '@ab=2', 'abc', '@ab=3', 'ab', 'abc']);
    assert.deepEqual(read('<ab.c ab-c="1" ab_="2"/>'), ['ab.c', '@ab-c=1', '@ab_=2']);
    // what ends a name: whitespace, '/', '>' (and '=' for an attribute); an element name with '=' is not plain
    for (const bad of ['<ab=1/>', '<ab', '<abc ab', '<ab é="1"/>', '<abé/>']) assert.equal(read(bad), undefined, bad);
  });
});

describe('renderXml', () => {
  it('writes a canonical document that reads back to the same model', () => {
    const { config } = parseXml(SAMPLE, 'sample.xml');
    const out = renderXml(config);
    assert.match(out, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<drachtio>\n {2}<!--/);
    assert.deepEqual(toComparable(parseXml(out, 'again').config), toComparable(config));
  });
});

describe('contactsInForce', () => {
  it('is worked out once per config, and again when its contacts change', () => {
    const { config } = parseXml(SAMPLE, 'sample.xml');
    const first = contactsInForce(config);
    assert.deepEqual(first.map((c) => [c.uri.raw, c.sip?.host, c.sip?.port, c.sip?.transports, c.externalIp?.raw, c.localNet?.raw]), [
      ['sip:10.0.0.5:5060;transport=udp', '10.0.0.5', 5060, ['udp'], '203.0.113.1', '10.0.0.0/8'],
      ['sip:10.0.0.5:5061;transport=tls', '10.0.0.5', 5061, ['tls'], undefined, undefined],
    ]);
    assert.equal(contactsInForce(config), first);
    // a contact added, the list replaced, a legacy <sip><contact> set: each is seen
    const items = config.lists.get('sip.contacts')!;
    items.push({ pos: { line: 1, column: 1 }, fields: { uri: { raw: 'sips:10.0.0.6', pos: { line: 1, column: 1 } } }, repeated: {} });
    assert.deepEqual(contactsInForce(config).map((c) => c.sip?.scheme), ['sip', 'sip', 'sips']);
    config.lists.set('sip.contacts', items.slice(0, 1));
    assert.equal(contactsInForce(config).length, 1);
    config.values.set('sip.contact', { raw: 'sip:192.168.0.1;transport=tcp', pos: { line: 1, column: 1 } });
    assert.deepEqual(contactsInForce(config).map((c) => c.sip?.transports), [['tcp']]);
  });
});

describe('splitSipUri', () => {
  it('splits a contact exactly as the schema pattern (the server\'s check) does, plain ones without the pattern', () => {
    const pattern = new RegExp(SIP_URI);
    const hosts = ['10.0.0.1', 'host', '*', 'a|b', 'a^b', '', 'x y', '[::1]', '[fe80::1', 'u@h', 'u;x@h', '<sip:h>'];
    const ports = ['', ':5060', ':', ':x', ':0', ':0005', ':99999999999999999999', ':5060:5'];
    const params = ['', ';transport=udp', ';Transport=TCP,udp', ';transport', ';transport;lr', ';', ';a=b;transport=tls', ';transport=ws;transport=wss', ';x>', ';;'];
    const ends = ['', '>', ';', ':', '\n'];
    let parsed = 0;
    for (const scheme of ['sip:', 'sips:', 'SIP:', 'sipx:', '<sip:', ''])
      for (const host of hosts)
        for (const port of ports)
          for (const param of params)
            for (const end of ends) {
              const text = scheme + host + port + param + end;
              const m = pattern.exec(text);
              const uri = splitSipUri(text);
              assert.deepEqual(uri, parseSipUri(text), text);
              assert.equal(uri !== undefined, m !== null, text);
              if (!m || !uri) continue;
              parsed++;
              assert.deepEqual([uri.scheme, uri.host, uri.port], [m[1], m[2], m[3] === undefined ? undefined : Number(m[3])], text);
            }
    assert.ok(parsed > 1000, `${parsed} of the cases parse`);
  });
});
