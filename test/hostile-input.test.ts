/**
 * Regression tests for what fuzzing and hostile inputs found, and the proofs that DOCTYPE
 * entities are never expanded or fetched. CLI runs carry a timeout: a hang fails the test.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { MAX_CONFIG_BYTES } from '../src/io/files.js';
import { parseXml } from '../src/model/parse.js';
import { validateText } from '../src/validate/engine.js';
import { buildTree } from '../src/xml/build.js';
import { LineIndex } from '../src/xml/positions.js';
import { cli, doc, tempDir, writeFiles } from './helpers.js';

/** a hang, not slowness: long enough for a loaded CI machine */
const HANG = { timeout: 30_000 };

describe('entities are never expanded or fetched', () => {
  it('leaves a file:/// external entity unread: a FIFO nobody writes to would block any reader forever', async () => {
    const dir = tempDir();
    const fifo = join(dir, 'blocks-if-read');
    execFileSync('mkfifo', [fifo]);
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE drachtio [\n  <!ENTITY x SYSTEM "file://${fifo}">\n]>\n<drachtio>\n  <admin port="&x;" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>\n</drachtio>\n`;
    writeFileSync(join(dir, 'xxe.xml'), xml);
    assert.equal(parseXml(xml, 'xxe.xml').config.values.get('admin.port')?.raw, '&x;');
    const r = await cli(['validate', join(dir, 'xxe.xml')], HANG);
    assert.equal(r.exitCode, 1);
    assert.match(r.stdout, /xxe\.xml:6:10 {2}error {2}"&x;" is not a whole number/);
  });

  it('keeps a billion-laughs reference as its literal text', async () => {
    const levels = Array.from({ length: 9 }, (_, i) => `  <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n');
    const xml = `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n  <!ENTITY lol "lol">\n${levels}\n]>\n${doc('<sip><user-agent-options-auto-respond>&lol9;</user-agent-options-auto-respond></sip>').replace(/^<\?xml[^>]*>\n/, '')}`;
    assert.equal(parseXml(xml, 'lol.xml').config.values.get('sip.user-agent-options-auto-respond')?.raw, '&lol9;');
    const dir = writeFiles({ 'lol.xml': xml });
    const r = await cli(['validate', '--json', join(dir, 'lol.xml')], HANG);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
  });
});

describe('inputs that used to hang or crash', () => {
  // each was quadratic: at these sizes each ran for over a minute, now a few milliseconds
  for (const [what, text] of [
    ['unclosed comments', `<drachtio>${'<!--'.repeat(300_000)}`],
    ['unclosed DOCTYPEs', '<!DOCTYPE a'.repeat(100_000)],
    ['unclosed DOCTYPE subsets', '<!DOCTYPE a ['.repeat(200_000)],
  ] as const) {
    it(`reports ${what} as not well-formed`, async () => {
      const dir = writeFiles({ 'hostile.xml': text });
      const r = await cli(['validate', join(dir, 'hostile.xml')], HANG);
      assert.equal(r.exitCode, 1);
      assert.match(r.stdout, /hostile\.xml:\d+:\d+ {2}error {2}not well-formed XML: .*xml-not-well-formed\n/);
    });
  }

  it('repairs repeated attributes of every tag in one pass, one finding per tag', () => {
    const tags = '<x a="1" a="2" b="1" b="2"/>\n'.repeat(300);
    const { diagnostics } = validateText(doc(tags), 'dups.xml');
    const lenient = diagnostics.filter((d) => d.rule === 'xml-lenient');
    assert.equal(lenient.length, 300);
    assert.deepEqual(
      lenient.slice(0, 2).map((d) => [d.line, d.column, d.message.split(';')[0]]),
      [
        [4, 10, "not well-formed XML: Attribute 'a' is repeated."],
        [5, 10, "not well-formed XML: Attribute 'a' is repeated."],
      ],
    );
  });

  it('gives errors without a column (empty file, unclosed CDATA) position 1', () => {
    for (const text of ['', '<drachtio><![CDATA[']) {
      const [d] = validateText(text, 'x.xml').diagnostics;
      assert.equal(d?.rule, 'xml-not-well-formed');
      assert.equal(d.column, 1);
    }
  });

  it('reads a document only up to a NUL byte, as the server does', () => {
    const before = validateText(`<drachtio>\0</drachtio>`, 'x.xml').diagnostics.map((d) => [d.rule, d.line, d.column]);
    assert.deepEqual(before, [
      ['xml-not-well-formed', 1, 1],
      ['xml-lenient', 1, 11],
    ]);
    const after = validateText(`${doc('')}\0junk`, 'x.xml').diagnostics.map((d) => d.rule);
    assert.deepEqual(after, ['xml-lenient']);
  });

  it('converts elements nested 500 deep, and refuses more on one line instead of overflowing the stack', async () => {
    const nested = (n: number) => doc(`<sip><spammers><header name="to">${'<a>'.repeat(n)}${'</a>'.repeat(n)}</header></spammers></sip>`);
    const dir = writeFiles({ 'ok.xml': nested(500), 'deep.xml': nested(100_000) });
    const ok = await cli(['convert', join(dir, 'ok.xml'), '--to', 'xml', '--show-secrets'], HANG);
    assert.equal(ok.exitCode, 0, ok.stderr);
    const deep = await cli(['convert', join(dir, 'deep.xml'), '--to', 'xml', '--show-secrets'], HANG);
    assert.equal(deep.exitCode, 2);
    assert.match(deep.stderr, /^drachtioctl: .*deep\.xml:4:\d+: elements nested over 500 deep cannot be written back\n$/);
  });

  it('checks 100,000 nested elements without overflowing the stack', async () => {
    const dir = writeFiles({ 'deep.xml': doc(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`) });
    const r = await cli(['validate', join(dir, 'deep.xml')], HANG);
    assert.equal(r.exitCode, 0, r.stdout + r.stderr);
  });
});

/** Whether the one-pass check while the tree is built accepts the text (the validator is not run). */
const isPlainWellFormed = (text: string) => buildTree(text, new LineIndex(text), true) !== undefined;

describe('the quick well-formedness check', () => {
  it('passes plain XML and leaves anything else to the validator, which names the problem', () => {
    for (const ok of ['<a/>', '<?xml version="1.0"?>\n<!-- c -->\n<a b="1" c=\'&amp;&#38;&#x26;\'>x<![CDATA[<&>]]><b/></a >\n']) assert.equal(isPlainWellFormed(ok), true, ok);
    const notPlain = ['<a b="1" b="2"/>', '<a></b>', '<a/><b/>', '<a>&x;</a>', '<a>x', 'x<a/>', '<a b=c/>', '<a><!-- -- --></a>', '<a>]]></a>', '<a b="<"/>', '<é/>', '<a\0/>', ''];
    for (const bad of notPlain) assert.equal(isPlainWellFormed(bad), false, bad);
    // the validator then reports what it objects to
    for (const bad of ['<a b="1" b="2"/>', '<a></b>', '<a>x', 'x<a/>', '<a b=c/>']) assert.ok(validateText(bad, 'x.xml').diagnostics.some((d) => d.rule.startsWith('xml-')), bad);
  });
});

describe('files that are not config text', () => {
  it('refuses a 50 MB file without reading it', async () => {
    const dir = writeFiles({ 'huge.xml': `<drachtio><!--${' '.repeat(50 * 2 ** 20)}--></drachtio>` });
    assert.ok(50 * 2 ** 20 > MAX_CONFIG_BYTES);
    const r = await cli(['validate', join(dir, 'huge.xml')], HANG);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, `drachtioctl: ${join(dir, 'huge.xml')}: cannot read: 50 MB is too large for a drachtio config (limit 16 MB)\n`);
  });

  it('refuses UTF-16, with or without a byte order mark', async () => {
    const text = doc('');
    const dir = writeFiles({});
    writeFileSync(join(dir, 'bom.xml'), Buffer.from(`\uFEFF${text}`, 'utf16le'));
    writeFileSync(join(dir, 'be.xml'), Buffer.from(text, 'utf16le').swap16());
    const r = await cli(['validate', join(dir, 'bom.xml'), join(dir, 'be.xml')], HANG);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr.split('\n').filter((l) => /: cannot read: the file is UTF-16; drachtio-server reads UTF-8/.test(l)).length, 2);
  });

  it('reads Latin-1 bytes, a UTF-8 byte order mark and CRLF line ends', async () => {
    const dir = writeFiles({});
    writeFileSync(join(dir, 'latin1.xml'), Buffer.from(doc('<sip><user-agent-options-auto-respond>café</user-agent-options-auto-respond></sip>'), 'latin1'));
    writeFileSync(join(dir, 'bom-crlf.xml'), `\uFEFF${doc('', '<admin port="x">127.0.0.1</admin>').replace(/\n/g, '\r\n')}`);
    const r = await cli(['validate', join(dir, 'latin1.xml'), join(dir, 'bom-crlf.xml')], HANG);
    assert.equal(r.exitCode, 1);
    // positions are the same as with LF line ends
    assert.match(r.stdout, /bom-crlf\.xml:3:10 {2}error {2}"x" is not a whole number/);
    assert.doesNotMatch(r.stdout, /latin1\.xml/);
  });

  it('refuses a FIFO or a device by name instead of blocking on it', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    const r = await cli(['validate', join(dir, 'fifo'), '/dev/zero'], HANG);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, `drachtioctl: ${join(dir, 'fifo')}: cannot read: not a regular file\ndrachtioctl: /dev/zero: cannot read: not a regular file\n`);
  });

  it('names a missing argument on one line', async () => {
    const r = await cli(['validate'], HANG);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: missing file (a path, or - for standard input)\n');
  });
});
