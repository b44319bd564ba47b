import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { LISTS, REGISTRY, SCALARS, isList, type Setting } from '../src/registry/index.js';
import Ajv from 'ajv';
import { buildSchema } from '../src/schema/build.js';
import { typedValue } from '../src/model/coerce.js';
import { SHARED, needsShared } from './helpers.js';

const allSettings: Setting[] = [...SCALARS, ...LISTS.flatMap((l) => l.fields)];

describe('registry', () => {
  it('declares every id once', () => {
    const ids = REGISTRY.map((e) => e.id);
    assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), []);
  });

  it('declares every XML location once', () => {
    const keys = SCALARS.filter((s) => s.xml).map((s) => `${s.xml!.element.join('/')}@${s.xml!.attr ?? '#text'}`);
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
  });

  it('declares every environment variable once', () => {
    const names = [...REGISTRY.map((e) => e.env?.name), ...LISTS.flatMap((l) => l.fields.map((f) => f.env?.name))].filter(Boolean);
    const dupes = names.filter((n, i) => names.indexOf(n) !== i);
    // a list's env form is also declared on the field it fills (DRACHTIO_HTTP_HANDLER_URI -> url)
    assert.deepEqual(dupes, ['DRACHTIO_HTTP_HANDLER_URI']);
  });

  it('uses ids that are the XML path, with runtime.* for settings that have no XML form', () => {
    for (const s of SCALARS) {
      if (!s.xml) {
        assert.match(s.id, /^runtime\./, s.id);
        continue;
      }
      const path = s.xml.element.join('.');
      if (s.xml.attr) assert.equal(s.id, `${path}.${s.xml.attr}`);
      // element text is the element's own id, or a name beside the attributes (admin.address)
      else assert.ok(s.id === path || s.id.split('.').slice(0, -1).join('.') === path, s.id);
    }
  });

  it('cites drachtio-server source functions for every setting', () => {
    for (const e of [...REGISTRY, ...allSettings]) {
      assert.ok(e.source.length > 0, e.id);
      for (const c of e.source) assert.match(c, /^src\/[\w-]+\.(cpp|hpp) [\w:~]+$/, `${e.id}: ${c}`);
    }
  });

  it('has defaults that the generated JSON Schema accepts, each at its place (a 0 below the minimum is the server\'s "off")', () => {
    const validate = new Ajv.default({ strict: false, allErrors: true }).compile(buildSchema('test'));
    let checked = 0;
    for (const s of SCALARS.filter((x) => x.default !== undefined && x.xml)) {
      const value = typedValue(s, String(s.default));
      if (s.type.kind === 'uint' || s.type.kind === 'float') {
        assert.equal(typeof value, 'number', s.id);
        // a default outside the valid range is the server's "off" value, which the range rule must not flag
        if (s.type.min !== undefined && (value as number) < s.type.min) {
          assert.equal(value, 0, `${s.id} default below min`);
          continue;
        }
      }
      const document = s.id.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value);
      assert.ok(validate(document), `${s.id} = ${JSON.stringify(value)}: ${JSON.stringify(validate.errors)}`);
      checked++;
    }
    assert.ok(checked >= 20, `${checked} defaults checked`);
    // and the schema is not one that accepts anything
    assert.equal(validate({ admin: { port: 'x' } }), false);
  });

  it('knows every environment variable and flag named in config-surface.md', { skip: needsShared }, () => {
    const text = readFileSync(join(SHARED, 'docs/config-surface.md'), 'utf8');
    const envSection = text.slice(text.indexOf('## Environment'), text.indexOf('## Settings with no XML form'));
    const envNames = new Set(REGISTRY.flatMap((e) => (isList(e) ? [e.env?.name, ...e.fields.map((f) => f.env?.name)] : [e.env?.name])).filter(Boolean));
    const mentioned = new Set<string>();
    for (const m of envSection.matchAll(/_BLACKLIST_REDIS_\{([^}]+)\}/g)) {
      for (const part of m[1]!.split(',')) mentioned.add(`DRACHTIO_BLACKLIST_REDIS_${part.trim()}`);
    }
    const plain = envSection.replace(/_BLACKLIST_REDIS_\{[^}]+\}/g, '');
    for (const m of plain.matchAll(/(?<=^|[\s,(])(?:DRACHTIO)?_([A-Z][A-Z_]*[A-Z])/gm)) mentioned.add(`DRACHTIO_${m[1]}`);
    for (const name of mentioned) assert.ok(envNames.has(name), `registry lacks ${name}`);

    const cliSection = text.slice(text.indexOf('## CLI'), text.indexOf('## Environment'));
    const flags = new Set(REGISTRY.flatMap((e) => [...e.cli, ...(isList(e) ? e.fields.flatMap((f) => f.cli) : [])].map((c) => c.long)));
    for (const m of cliSection.matchAll(/--([a-z0-9-]+)/g)) {
      if (['help', 'version'].includes(m[1]!)) continue;
      assert.ok(flags.has(m[1]!), `registry lacks --${m[1]}`);
    }
  });
});
