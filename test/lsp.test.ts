import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver';
import { BIN, CORPUS, ROOT, cli, needsShared, writeFiles } from './helpers.js';
import { LspClient, applyEdits, fileUri, positionOf } from './lsp-client.js';

/** The config of the issue's "done" check: a garbage port and the docs' tcp-keepalive-interval, after accented letters and an emoji on the same line. */
const CONFIG = [
  '<?xml version="1.0"?>',
  '<!-- café, señor: 😀 -->',
  '<drachtio>',
  '  <admin secret="ñandú-😀-a-long-and-random-secret" port="garbage" tcp-keepalive-interval="30">127.0.0.1</admin>',
  '  <sip>',
  '    <contacts><contact>sip:127.0.0.1:5060;transport=udp</contact></contacts>',
  '  </sip>',
  '  <logging><loglevel>info</loglevel></logging>',
  '</drachtio>',
  '',
].join('\n');

type Comparable = { code: string; severity: number; message: string; line: number; character: number };

/** What `validate --json` reports for each file, in the form the server's diagnostics are compared in. */
async function validateJsonAll(files: string[]): Promise<Comparable[][]> {
  const r = await cli(['validate', '--json', ...files]);
  const results = (JSON.parse(r.stdout) as { files: { diagnostics: { rule: string; severity: string; message: string; line: number; column: number }[] }[] }).files;
  return results.map((f) => f.diagnostics.map((d) => ({ code: d.rule, severity: d.severity === 'error' ? 1 : 2, message: d.message, line: d.line - 1, character: d.column - 1 })));
}
const validateJson = async (file: string) => (await validateJsonAll([file]))[0]!;

const comparable = (ds: Diagnostic[]) =>
  ds.map((d) => ({ code: d.code, severity: d.severity, message: d.message, line: d.range.start.line, character: d.range.start.character }));

const byRule = (ds: Diagnostic[], rule: string) => ds.filter((d) => d.code === rule);
const markdown = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

describe('drachtioctl lsp --stdio', () => {
  let client: LspClient;
  before(async () => {
    client = await LspClient.start();
  });
  after(async () => {
    assert.equal(await client.stop(), 0, client.stderr);
  });

  it('reports a garbage port and tcp-keepalive-interval at their ranges in UTF-16 units, on open and after an incremental change', async () => {
    const file = join(writeFiles({ 'drachtio.conf.xml': CONFIG }), 'drachtio.conf.xml');
    const uri = fileUri(file);
    const opened = await client.open(uri, CONFIG);
    const line = CONFIG.split('\n')[3]!;
    const before = line.slice(0, line.indexOf('port='));
    // the line has characters outside the BMP before the findings: code points and UTF-16 units differ
    assert.notEqual([...before].length, before.length);

    const [port] = byRule(opened, 'invalid-number');
    assert.deepEqual(port!.range, { start: positionOf(CONFIG, 'port="garbage"'), end: { line: 3, character: line.indexOf('port="garbage"') + 'port="garbage"'.length } });
    assert.equal(port!.severity, 1);
    const [docsName] = byRule(opened, 'ignored-docs-name');
    const attr = 'tcp-keepalive-interval="30"';
    assert.deepEqual(docsName!.range, { start: positionOf(CONFIG, attr), end: { line: 3, character: line.indexOf(attr) + attr.length } });
    assert.equal(docsName!.source, 'drachtioctl');
    // the same rules, messages and positions as validate
    assert.deepEqual(comparable(opened), await validateJson(file));

  });

  it('checks the unsaved text after incremental changes, each applied to the text the previous one left', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': CONFIG });
    const uri = fileUri(join(dir, 'drachtio.conf.xml'));
    await client.open(uri, CONFIG);
    const line = CONFIG.split('\n')[3]!;
    const garbage = line.indexOf('garbage');
    const after = await client.change(uri, [
      { range: { start: { line: 3, character: garbage }, end: { line: 3, character: garbage + 'garbage'.length } }, text: '9022' },
      { range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, text: '  <!-- 👩‍💻 édité -->\n' },
    ]);
    assert.deepEqual(byRule(after, 'invalid-number'), []);
    const text = CONFIG.replace('"garbage"', '"9022"').replace('\n  <admin', '\n  <!-- 👩‍💻 édité -->\n  <admin');
    const [docsName] = byRule(after, 'ignored-docs-name');
    assert.deepEqual(docsName!.range.start, positionOf(text, 'tcp-keepalive-interval'));
    assert.equal(docsName!.range.start.line, 4);
    // the file on disk still has the garbage port: what is checked is the editor's text
    writeFileSync(join(dir, 'edited.xml'), text);
    assert.deepEqual(comparable(after), await validateJson(join(dir, 'edited.xml')));
  });

  it('hover on tcp-keepalive-interval tells its story: never read, the real setting, default, behaviour, first version, source', async () => {
    const uri = 'untitled:hover.xml';
    await client.open(uri, CONFIG);
    const at = positionOf(CONFIG, 'keepalive-interval');
    const hover = await client.hover(uri, at);
    const text = markdown(hover);
    assert.match(text, /^`tcp-keepalive-interval` is never read by drachtio-server \(the name comes from the drachtio-server docs\): the setting is `tcp-keepalive`\./);
    const explain = JSON.parse((await cli(['explain', '--json', 'admin.tcp-keepalive'])).stdout) as { settings: Record<string, string | string[]>[] };
    const d = explain.settings[0]!;
    for (const field of ['summary', 'behaviour', 'since'] as const) assert.ok(text.includes(d[field] as string), `hover shows ${field}: ${d[field]}`);
    assert.match(text, /\| Default \| `45` \|/);
    for (const s of d.source as string[]) assert.ok(text.includes(s), `hover cites ${s}`);
    assert.deepEqual(hover!.range, { start: positionOf(CONFIG, 'tcp-keepalive-interval'), end: { line: 3, character: positionOf(CONFIG, 'tcp-keepalive-interval').character + 22 } });

    // on the port: explain's admin.port; on the element text of <loglevel>: logging.loglevel
    assert.match(markdown(await client.hover(uri, positionOf(CONFIG, 'port='))), /^### `admin\.port`/);
    assert.match(markdown(await client.hover(uri, positionOf(CONFIG, 'info'))), /^### `logging\.loglevel`/);
    assert.match(markdown(await client.hover(uri, positionOf(CONFIG, 'contact>sip'))), /^### `sip\.contacts`/);
    assert.match(markdown(await client.hover(uri, positionOf(CONFIG, 'sip:'))), /^### `sip\.contacts\.uri`/);
    // blanks between elements and comments explain nothing
    assert.equal(await client.hover(uri, { line: 4, character: 0 }), null);
    assert.equal(await client.hover(uri, positionOf(CONFIG, 'café')), null);
  });

  it('completes the children of <sip> after "<", attribute names not yet given, and enum values', async () => {
    const text = CONFIG.replace('  <sip>\n', '  <sip>\n    <\n').replace('<loglevel>info', '<loglevel>').replace('<admin ', '<admin  ');
    const uri = 'untitled:completion.xml';
    await client.open(uri, text);
    const inSip = positionOf(text, '<\n');
    const items = await client.completion(uri, { line: inSip.line, character: inSip.character + 1 });
    const labels = items!.map((i) => i.label).sort();
    for (const child of ['contacts', 'timers', 'tls', 'udp-mtu', 'outbound-proxy', 'spammers', 'capture-server', 'blacklist']) assert.ok(labels.includes(child), `offers <${child}>`);
    for (const elsewhere of ['admin', 'loglevel', 'contact-list', 'mtu-size']) assert.ok(!labels.includes(elsewhere), `does not offer <${elsewhere}>`);
    const timers = items!.find((i) => i.label === 'timers')!;
    assert.equal(timers.textEdit && 'range' in timers.textEdit && timers.textEdit.newText, 'timers');
    const mtu = items!.find((i) => i.label === 'udp-mtu')!;
    assert.match(String(mtu.detail), /MTU/i);

    // between attributes of <admin>: the ones it lacks (it has secret, port, tcp-keepalive-interval)
    const admin = positionOf(text, '<admin  ');
    const attrs = (await client.completion(uri, { line: admin.line, character: admin.character + 7 }))!.map((i) => i.label).sort();
    assert.deepEqual(attrs, ['tcp-keepalive', 'tls', 'tls-port']);

    const level = positionOf(text, '<loglevel>');
    const values = (await client.completion(uri, { line: level.line, character: level.character + '<loglevel>'.length }))!.map((i) => i.label).sort();
    assert.deepEqual(values, ['debug', 'error', 'info', 'notice', 'warning']);
  });

  it('completes end tags, children on a blank line with their "<", list item attributes and attribute values', async () => {
    const text = [
      '<drachtio>',
      '  <sip>',
      '    ',
      '    <contacts><contact ></contact></contacts>',
      '    <spammers action=""></',
      '</drachtio>',
    ].join('\n');
    const uri = 'untitled:more-completion.xml';
    await client.open(uri, text);
    const labels = async (p: { line: number; character: number }) => ((await client.completion(uri, p)) ?? []).map((i) => i.label).sort();

    const blank = await client.completion(uri, { line: 2, character: 4 });
    const timers = blank!.find((i) => i.label === 'timers')!;
    assert.deepEqual(timers.textEdit, { range: { start: { line: 2, character: 4 }, end: { line: 2, character: 4 } }, newText: '<timers' });
    assert.deepEqual(await labels({ line: 3, character: positionOf(text, '<contact ').character + 9 }), ['dns-names', 'external-ip', 'local-net']);
    assert.deepEqual(await labels({ line: 4, character: positionOf(text, 'action="').character + 8 }), ['discard', 'reject']);
    assert.deepEqual(await labels({ line: 4, character: text.split('\n')[4]!.length }), ['spammers']);
    // outside the document element only the document element itself
    assert.deepEqual(await labels({ line: 0, character: 1 }), ['drachtio']);
  });

  it('hover on an element name or its end tag explains the setting, on a container what it holds', async () => {
    const text = '<drachtio>\n  <sip><udp-mtu>1500</udp-mtu></sip>\n</drachtio>\n';
    const uri = 'untitled:hover-elements.xml';
    await client.open(uri, text);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'udp-mtu'))), /^### `sip\.udp-mtu`/);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'udp-mtu>', 1))), /^### `sip\.udp-mtu`/);
    assert.match(markdown(await client.hover(uri, positionOf(text, 'sip>'))), /^`<sip>` holds .*`<contacts>`/);
  });

  it('offers "did you mean" renames for a misspelt attribute, and for an element in both its tags', async () => {
    const text = '<drachtio>\n  <admin tls-prot="9023" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>\n</drachtio>\n';
    const uri = 'untitled:did-you-mean.xml';
    const [typo] = byRule(await client.open(uri, text), 'unknown-attribute');
    const actions = (await client.codeActions(uri, typo!.range, [typo!]))!;
    assert.deepEqual(actions.map((a) => a.title), ['rename tls-prot to tls-port']);
    assert.equal(applyEdits(text, actions[0]!.edit!.changes![uri]!), text.replace('tls-prot=', 'tls-port='));

    // an element is renamed in both its tags
    const loging = text.replace('</drachtio>', '  <loging><loglevel>debug</loglevel></loging>\n</drachtio>');
    const [el] = byRule(await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } }, text: loging }]), 'unknown-element');
    const [rename] = (await client.codeActions(uri, el!.range, [el!]))!;
    assert.equal(rename!.title, 'rename loging to logging');
    assert.equal(applyEdits(loging, rename!.edit!.changes![uri]!), loging.replace('<loging>', '<logging>').replace('</loging>', '</logging>'));
  });

  it('offers the --fix rename of tcp-keepalive-interval as the preferred quick fix, and renames for misspelt names', async () => {
    const dir = writeFiles({ 'drachtio.conf.xml': CONFIG.replace('  <sip>', '  <sipp/>\n  <sip>') });
    const file = join(dir, 'drachtio.conf.xml');
    const text = readFileSync(file, 'utf8');
    const uri = fileUri(file);
    const diagnostics = await client.open(uri, text);
    const [docsName] = byRule(diagnostics, 'ignored-docs-name');
    const actions = (await client.codeActions(uri, docsName!.range, [docsName!]))!;
    const rename = actions.find((a) => a.title === 'rename tcp-keepalive-interval to tcp-keepalive')!;
    assert.equal(rename.kind, 'quickfix');
    assert.equal(rename.isPreferred, true);
    const edits = rename.edit!.changes![uri]!;
    assert.deepEqual(edits, [{ range: { start: docsName!.range.start, end: { line: 3, character: docsName!.range.start.character + 22 } }, newText: 'tcp-keepalive' }]);
    assert.equal(applyEdits(text, edits), text.replace('tcp-keepalive-interval=', 'tcp-keepalive='));

    const [sipp] = byRule(diagnostics, 'unknown-element');
    assert.match(String(sipp!.message), /did you mean <sip>\?/);
    const guess = (await client.codeActions(uri, sipp!.range, [sipp!]))!.find((a) => a.title === 'rename sipp to sip')!;
    assert.equal(guess.isPreferred, false);
    assert.equal(applyEdits(text, guess.edit!.changes![uri]!), text.replace('<sipp/>', '<sip/>'));

    // fix all is validate --fix
    const [all] = (await client.codeActions(uri, { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, [], ['source.fixAll']))!;
    assert.equal(all!.kind, 'source.fixAll');
    const fixedByEditor = applyEdits(text, all!.edit!.changes![uri]!);
    const r = await cli(['validate', '--fix', file]);
    assert.equal(r.exitCode, 1, r.stdout);
    assert.equal(fixedByEditor, readFileSync(file, 'utf8'));
  });

  it('honours the .drachtioctl.json governing the file, inline suppressions, and reports a broken project config', async () => {
    const suppressed = CONFIG.replace('  <admin', '  <!-- drachtioctl-disable-next-line ignored-docs-name -->\n  <admin');
    const dir = writeFiles({ '.drachtioctl.json': '{"rules": {"invalid-number": "warning"}}', 'd.xml': suppressed });
    const uri = fileUri(join(dir, 'd.xml'));
    const ds = await client.open(uri, suppressed);
    assert.deepEqual(byRule(ds, 'ignored-docs-name'), []);
    assert.equal(byRule(ds, 'invalid-number')[0]!.severity, 2);
    assert.deepEqual(comparable(ds), await validateJson(join(dir, 'd.xml')));

    writeFileSync(join(dir, '.drachtioctl.json'), '{"rules": {"invalid-number": "loud"}}');
    const broken = await client.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '' }]);
    const [problem] = byRule(broken, 'project-config');
    assert.equal(problem!.message, `${join(dir, '.drachtioctl.json')}:1:30: rule "invalid-number": expected off, warning or error, not "loud" (the file is checked without it)`);
    assert.equal(byRule(broken, 'invalid-number')[0]!.severity, 1);
  });

  it('checks a .drachtioctl.json as it is typed, at the token concerned', async () => {
    const uri = fileUri(join(writeFiles({}), '.drachtioctl.json'));
    const text = '{\n  "rules": {"invalid-number": "loud"}\n}\n';
    const [bad] = await client.open(uri, text, 'json');
    assert.equal(bad!.message, 'rule "invalid-number": expected off, warning or error, not "loud"');
    assert.deepEqual(bad!.range, { start: positionOf(text, '"loud"'), end: { line: 1, character: positionOf(text, '"loud"').character + 6 } });
    const at = positionOf(text, 'loud');
    assert.deepEqual(await client.change(uri, [{ range: { start: at, end: { line: 1, character: at.character + 4 } }, text: 'off' }]), []);
  });

  it('places line-1 findings after a byte-order mark where the editor has them', async () => {
    const text = '\ufeff<drachtio><admin port="x" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin></drachtio>\n';
    const uri = 'untitled:bom.xml';
    const [port] = byRule(await client.open(uri, text), 'invalid-number');
    assert.deepEqual(port!.range.start, { line: 0, character: text.indexOf('port=') });
  });
});

describe('drachtioctl lsp on deployment files', () => {
  const compose = [
    'services:',
    '  drachtio:',
    '    image: drachtio/drachtio-server:0.9.10',
    '    command: ["drachtio", "--loglevel", "verbose"]',
    '    environment:',
    '      - DRACHTIO_ADMIN_TCP_PORT=19O22',
    '      - DRACHTIO_SECRET=admin',
    '    volumes:',
    '      - ./drachtio.conf.xml:/etc/drachtio.conf.xml:ro',
    '',
  ].join('\n');
  const xml = '<drachtio>\n  <admin port="9022" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>\n</drachtio>\n';

  it('publishes what validate reports in a compose file, explains its variables and flags, and completes them', async () => {
    const dir = writeFiles({ 'docker-compose.yml': compose, 'drachtio.conf.xml': xml });
    const file = join(dir, 'docker-compose.yml');
    const uri = fileUri(file);
    const client = await LspClient.start();
    try {
      const published = await client.open(uri, compose, 'yaml');
      const r = await cli(['validate', '--json', file]);
      const own = (JSON.parse(r.stdout) as { files: { path: string; diagnostics: { rule: string; severity: string; message: string; line: number; column: number }[] }[] }).files.find((f) => f.path === file)!;
      assert.ok(own.diagnostics.length >= 3, r.stdout);
      const expected = own.diagnostics.map((d) => ({ code: d.rule, severity: d.severity === 'error' ? 1 : 2, message: d.message, line: d.line - 1, character: d.column - 1 }));
      assert.deepEqual(comparable(published.filter((d) => d.severity !== 3)), expected);

      assert.match(markdown(await client.hover(uri, positionOf(compose, 'ADMIN_TCP'))), /^### `admin\.port`/);
      assert.match(markdown(await client.hover(uri, positionOf(compose, 'loglevel'))), /^### `logging\.loglevel`/);
      const envs = (await client.completion(uri, { line: 5, character: positionOf(compose, 'ADMIN_TCP').character + 2 }))!.map((i) => i.label);
      assert.ok(envs.includes('DRACHTIO_ADMIN_TCP_PORT') && envs.includes('DRACHTIO_SECRET'), envs.join(' '));
      const flags = (await client.completion(uri, { line: 3, character: positionOf(compose, '--log').character + 5 }))!.map((i) => i.label);
      assert.ok(flags.includes('--loglevel') && flags.includes('--contact'), flags.join(' '));

      // fix the port in the editor: its finding goes, the others stay
      const at = positionOf(compose, '19O22');
      const after = await client.change(uri, [{ range: { start: at, end: { line: at.line, character: at.character + 5 } }, text: '9022' }]);
      assert.deepEqual(byRule(after, 'invalid-number'), []);
      assert.equal(after.filter((d) => d.severity !== 3).length, expected.length - 1);
    } finally {
      await client.stop();
    }
  });
});

describe('drachtioctl lsp settings', () => {
  const text = CONFIG.replace('  </sip>', '    <udp-buffer-size>8388608</udp-buffer-size>\n  </sip>');

  it('takes validate --target-version from initializationOptions, and later from workspace/didChangeConfiguration', async () => {
    const file = join(writeFiles({ 'drachtio.conf.xml': text }), 'drachtio.conf.xml');
    const uri = fileUri(file);
    const client = await LspClient.start({ targetVersion: '0.8.x' });
    try {
      const expected = JSON.parse((await cli(['validate', '--json', '--target-version', '0.8.x', file])).stdout).files[0].diagnostics;
      const opened = await client.open(uri, text);
      assert.equal(byRule(opened, 'not-in-target-version').length, 1);
      assert.deepEqual(comparable(opened), expected.map((d: { rule: string; severity: string; message: string; line: number; column: number }) => ({ code: d.rule, severity: d.severity === 'error' ? 1 : 2, message: d.message, line: d.line - 1, character: d.column - 1 })));
      assert.ok(client.registered.some((r) => r.method === 'workspace/didChangeConfiguration'));
      const next = client.nextDiagnostics(uri);
      await client.notify('workspace/didChangeConfiguration', { settings: { drachtioctl: { targetVersion: '' } } });
      assert.deepEqual(byRule(await next, 'not-in-target-version'), []);
    } finally {
      await client.stop();
    }
  });

  it('says so when the target version is not one, and checks without it', async () => {
    const client = await LspClient.start({ targetVersion: 'eight' });
    try {
      const ds = await client.open('untitled:t.xml', text);
      assert.deepEqual(byRule(ds, 'not-in-target-version'), []);
      assert.deepEqual(client.messages, ['drachtioctl: targetVersion eight: not a version such as 0.9.x, 0.8.25 or v0.9.4; ignored']);
    } finally {
      await client.stop();
    }
  });

  it('re-checks open documents when a .drachtioctl.json changes on disk', async () => {
    const dir = writeFiles({ 'd.xml': CONFIG });
    const uri = fileUri(join(dir, 'd.xml'));
    const client = await LspClient.start();
    try {
      assert.equal(byRule(await client.open(uri, CONFIG), 'ignored-docs-name').length, 1);
      const watched = client.registered.find((r) => r.method === 'workspace/didChangeWatchedFiles');
      assert.deepEqual(watched?.registerOptions, { watchers: [{ globPattern: '**/.drachtioctl.json' }] });
      writeFileSync(join(dir, '.drachtioctl.json'), '{"rules": {"ignored-docs-name": "off"}}');
      const next = client.nextDiagnostics(uri);
      await client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: fileUri(join(dir, '.drachtioctl.json')), type: 1 }] });
      assert.deepEqual(byRule(await next, 'ignored-docs-name'), []);
    } finally {
      await client.stop();
    }
  });
});

describe('drachtioctl lsp on the corpus', () => {
  it('publishes what validate --json reports for every real-world config', { skip: needsShared }, async () => {
    const client = await LspClient.start();
    try {
      const files = readdirSync(CORPUS).filter((f) => /\.xml(\.j2)?$/.test(f)).map((f) => join(CORPUS, f));
      assert.ok(files.length > 10);
      const expected = await validateJsonAll(files);
      for (const [i, file] of files.entries()) {
        const published = await client.open(fileUri(file), readFileSync(file, 'utf8'));
        assert.deepEqual(comparable(published), expected[i], file);
      }
    } finally {
      await client.stop();
    }
  });
});

describe('drachtioctl lsp start-up', () => {
  it('refuses to start without --stdio, in one line', async () => {
    const r = await cli(['lsp']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^drachtioctl: .*--stdio.*\n$/);
  });

  it('other commands never load the protocol library', () => {
    // record every module required from node_modules/vscode-* while validate runs
    const probe = join(writeFiles({ 'probe.cjs': "process.on('exit', () => process.stderr.write(Object.keys(require.cache).filter((k) => /node_modules[\\\\/]vscode-/.test(k)).join('\\n')));" }), 'probe.cjs');
    const run = (args: string[]) => spawnSync(process.execPath, ['--require', probe, BIN, ...args], { cwd: ROOT, encoding: 'utf8', input: '' }).stderr;
    // the probe sees the library where it loads: the server (which ends when its input does)
    assert.match(run(['lsp', '--stdio']), /node_modules\/vscode-languageserver\//);
    assert.equal(run(['validate', 'templates/drachtio.conf.xml']), '');
    assert.equal(run(['--help']), '');
    assert.equal(run(['lsp', '--help']), '');
  });
});
