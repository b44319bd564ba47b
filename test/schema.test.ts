import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { jsonValue } from '../src/model/document.js';
import { LISTS, SCALARS, type Setting } from '../src/registry/index.js';
import { acceptsAnyText } from '../src/schema/build.js';
import { generateSchema } from '../src/schema/generate.js';
import { validatorOf } from '../src/schema/validator.generated.js';
import { validateText } from '../src/validate/engine.js';
import { CORPUS, FIXTURES, ROOT, TEMPLATE, cli, doc, needsShared } from './helpers.js';
import { xsdErrors } from './validators.js';

describe('generated schema', () => {
  it('is fresh: regenerate with `npm run generate` after changing the registry', () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const fresh = generateSchema(version);
    assert.equal(readFileSync(join(ROOT, 'schemas/drachtio.schema.json'), 'utf8'), fresh.schemaJson);
    assert.equal(readFileSync(join(ROOT, 'src/schema/validator.generated.js'), 'utf8'), fresh.validatorJs);
    assert.equal(readFileSync(join(ROOT, 'schemas/drachtio.conf.xsd'), 'utf8'), fresh.xsd);
  });
});

/** What the XSD checks besides errors: names and structure the server ignores or misreads, and value words. */
const XSD_CHECKED = new Set([
  'unknown-element', 'unknown-attribute', 'misplaced-element', 'duplicate-element', 'ignored-docs-name', 'xml-fragment', 'root-element',
  'unrecognised-boolean', 'invalid-value', 'untrimmed-value',
]);

describe('generated XML Schema (checked with libxml2)', () => {
  const xsd = readFileSync(join(ROOT, 'schemas/drachtio.conf.xsd'), 'utf8');

  it('accepts the template and the valid fixtures', async () => {
    for (const path of [TEMPLATE, join(FIXTURES, 'sbc.conf.xml'), join(FIXTURES, 'registrar.conf.xml')]) {
      assert.deepEqual(await xsdErrors(readFileSync(path, 'utf8'), xsd), [], path);
    }
  });

  it('rejects wrong types, words the server does not know, unknown names and repeats', async () => {
    const cases: [string, RegExp][] = [
      [doc('', '<admin port="19O22">127.0.0.1</admin>'), /port.*not a valid value/],
      [doc('', '<admin port="90220">127.0.0.1</admin>'), /port.*maxInclusive/],
      [doc('<logging><loglevel>verbose</loglevel></logging>'), /loglevel.*not an element of the set/],
      [doc('<sip><contacts><contact>http://x</contact></contacts></sip>'), /contact.*pattern/],
      [doc('<sip><aggressive-nat-detection>Yes</aggressive-nat-detection></sip>'), /aggressive-nat-detection/],
      [doc('<sip><tls><min-tls-version>abc</min-tls-version></tls></sip>'), /min-tls-version.*not a valid value/],
      [doc('<logging><consol/></logging>'), /consol.*not expected/],
      [doc('', '<admin port="9022" tcp-keepalive-interval="30">127.0.0.1</admin>'), /tcp-keepalive-interval.*not allowed/],
      [doc('<sip/><sip/>'), /sip.*not expected/],
    ];
    for (const [text, expected] of cases) assert.match((await xsdErrors(text, xsd)).join('\n'), expected, text);
  });

  it('accepts case-insensitive words in any case, and repeated list items', async () => {
    const text = doc(`<sip><session-timers default-refresher="UAC"/><contacts><contact>sip:127.0.0.1:5060</contact><contact external-ip="203.0.113.1">sip:127.0.0.1:5070;transport=tcp</contact></contacts>
<spammers action="reject"><header name="user-agent"><value>sipvicious</value><value>friendly-scanner</value></header><header name="to"><value>sipvicious</value></header></spammers></sip>
<request-handlers><request-handler sip-method="INVITE" http-method="POST">https://h.example.com</request-handler></request-handlers><cdrs>TRUE</cdrs>`);
    assert.deepEqual(await xsdErrors(text, xsd), []);
  });

  it('accepts every corpus config in which validate finds no error and nothing the XSD checks', { skip: needsShared }, async () => {
    const names = readdirSync(CORPUS).filter((f) => f.endsWith('.xml'));
    assert.ok(names.length >= 30);
    let accepted = 0;
    for (const f of names) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const findings = validateText(text, f).diagnostics;
      const reported = findings.filter((d) => d.severity === 'error' || XSD_CHECKED.has(d.rule));
      const errors = await xsdErrors(text, xsd);
      if (reported.length === 0) assert.deepEqual(errors, [], `validate reports nothing the XSD checks in ${f}, yet the XSD rejects it`);
      if (errors.length === 0) accepted++;
    }
    assert.ok(accepted >= 20, `${accepted} corpus configs accepted`);
  });
});

describe('drachtioctl schema (subprocess)', () => {
  it('prints the JSON Schema by default and the XSD with --format xsd, byte for byte the shipped files', async () => {
    const json = await cli(['schema']);
    assert.equal(json.exitCode, 0, json.stderr);
    assert.equal(json.stdout, readFileSync(join(ROOT, 'schemas/drachtio.schema.json'), 'utf8'));
    const xsd = await cli(['schema', '--format', 'xsd']);
    assert.equal(xsd.stdout, readFileSync(join(ROOT, 'schemas/drachtio.conf.xsd'), 'utf8'));
    const wrapped = JSON.parse((await cli(['schema', '--format', 'xsd', '--json'])).stdout);
    assert.deepEqual(wrapped, { format: 'xsd', path: 'schemas/drachtio.conf.xsd', content: xsd.stdout });
  });

  it('refuses an unknown format with exit 2 and one line', async () => {
    const r = await cli(['schema', '--format', 'yaml']);
    assert.equal(r.exitCode, 2);
    assert.match(r.stderr, /^drachtioctl: .*json, xsd.*\n$/);
  });
});

describe('the schema check of contact URIs', () => {
  // a contact's URI is matched once, by the split that contactsInForce makes (by hand from 64 contacts on):
  // the schema's findings must be those of the pattern itself, for every contact in force or not
  const uris = ['sip:10.0.0.1', 'udp:10.0.0.1', 'sip:', 'sip:10.0.0.1:port', 'sip:10.0.0.1;', '&lt;sip:10.0.0.1&gt;', '&lt;sip:10.0.0.2', 'sips:[::1]:5061', 'sip:a@b:5060;transport=tcp', 'sip:h|x', ' sip:10.0.0.1'];
  // ...and a contact without text, whose URI is empty
  const list = [...Array.from({ length: 100 }, (_, i) => `<contact>${uris[i % uris.length]!}</contact>`), '<contact external-ip="1.2.3.4"/>'];
  const contacts = (legacy: string) => doc(`<sip>${legacy}<contacts>\n${list.join('\n')}\n</contacts></sip>`);
  const alone = (contact: string) => validateText(doc(`<sip><contacts>${contact}</contacts></sip>`), 'one.xml').diagnostics.some((d) => d.rule === 'invalid-sip-uri');
  const invalid = list.flatMap((c, i) => (alone(c) ? [i] : []));

  it('finds the contacts the pattern rejects, with or without a legacy <sip><contact> in force', () => {
    assert.ok(invalid.length >= 50 && invalid.length < list.length, `${invalid.length} of the contacts are invalid on their own`);
    for (const legacy of ['', '<contact>sip:10.9.9.9</contact>']) {
      const found = validateText(contacts(legacy), 'many.xml').diagnostics.filter((d) => d.rule === 'invalid-sip-uri' && d.setting === 'sip.contacts.uri');
      // the list starts on line 5
      assert.deepEqual(found.map((d) => d.line - 5), invalid, legacy || 'no legacy contact');
    }
  });
});

describe('values the schema check leaves out', () => {
  // checkSchema skips the settings whose schema any text passes (a blocklist's thousands of values)
  const all: [string, Setting][] = [...SCALARS.map((s): [string, Setting] => [s.id, s]), ...LISTS.flatMap((l) => l.fields.map((f): [string, Setting] => [`${l.id}.${f.id}`, f]))];
  const skipped = all.filter(([, s]) => acceptsAnyText(s.type));

  it('are those whose validator accepts any text, as the JSON form holds it', () => {
    assert.ok(skipped.some(([id]) => id === 'sip.spammers.headers.values'), 'spammer values are skipped');
    assert.ok(skipped.length < all.length / 2, `${skipped.length} of ${all.length} skipped`);
    for (const [id, s] of skipped) {
      for (const text of ['', ' ', 'x', ' padded ', '<&>', 'sip:10.0.0.1', '-1', 'true', '10.0.0.0/8', 'ünïcödé', '{ not a template']) {
        const value = jsonValue(s, text);
        assert.equal(typeof value, 'string', `${id}: ${JSON.stringify(text)}`);
        assert.equal(validatorOf[id]!(value, { instancePath: '' }), true, `${id}: ${JSON.stringify(text)}`);
      }
    }
  });

  it('are not those with a pattern, a range or a list of words', () => {
    for (const id of ['sip.contacts.uri', 'sip.contacts.external-ip', 'sip.contacts.local-net', 'admin.port', 'logging.loglevel', 'sip.spammers.headers.name']) {
      assert.ok(all.some(([known]) => known === id), `${id} is a setting`);
      assert.ok(!skipped.some(([skippedId]) => skippedId === id), id);
    }
  });
});
