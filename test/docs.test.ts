import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execa } from 'execa';
import { loadCommands } from '../src/cli.js';
import { generateDocs } from '../src/docs/generate.js';
import { REGISTRY } from '../src/registry/index.js';
import { ROOT, cli, needsTool, tempDir } from './helpers.js';

const groff = needsTool('groff', 'groff-base');

const docs = generateDocs(await loadCommands());

describe('generated documentation', () => {
  for (const [path, text] of Object.entries(docs)) {
    it(`${path} is fresh: regenerate with \`npm run generate\``, () => {
      assert.equal(readFileSync(join(ROOT, path), 'utf8'), text);
    });
  }

  it('lists every registry entry in docs/settings.md', () => {
    for (const e of REGISTRY) assert.ok(docs['docs/settings.md']!.includes(`### \`${e.id}\``), e.id);
  });

  for (const page of ['man/drachtio.conf.xml.5', 'man/drachtioctl.1']) {
    it(`${page} formats without a single groff warning`, { skip: groff }, async () => {
      const r = await execa('groff', ['-man', '-Tutf8', '-ww', '-z', join(ROOT, page)], { reject: false });
      assert.equal(r.stderr, '');
      assert.equal(r.exitCode, 0);
    });
  }

  it('a roff request hidden in a summary is escaped', { skip: groff }, async () => {
    const { roff } = await import('../src/docs/man.js');
    const dir = tempDir();
    writeFileSync(join(dir, 't.1'), `.TH T 1\n.SH NAME\n${roff('.SH not a section \\ back-slash')}\n`);
    const r = await execa('groff', ['-man', '-Tutf8', '-ww', join(dir, 't.1')]);
    assert.match(String(r.stdout), /\.SH not a section \\ back-slash/);
  });
});

describe('drachtioctl explain (subprocess)', () => {
  it('finds a setting by the docs-only flag name and shows what the parser reads', async () => {
    const r = await cli(['explain', 'tcp-keepalive-interval']);
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /^admin\.tcp-keepalive\n/);
    assert.match(r.stdout, /XML: {7}<admin tcp-keepalive="…">/);
    assert.match(r.stdout, /Source: {4}src\/drachtio-config\.cpp DrachtioConfig::Impl::Impl/);
  });

  it('finds settings by environment variable, short flag and XML path', async () => {
    for (const [query, id] of [
      ['DRACHTIO_AGRESSIVE_NAT_DETECTION', 'sip.aggressive-nat-detection'],
      ['-p', 'admin.port'],
      ['admin@tls-port', 'admin.tls-port'],
      ['<udp-mtu>', 'sip.udp-mtu'],
      ['--external-ip', 'sip.contacts.external-ip'],
      ['mtu-size', 'sip.udp-mtu'],
    ]) {
      const r = await cli(['explain', '--json', '--', query!]);
      assert.equal(r.exitCode, 0, `${query}: ${r.stderr}`);
      assert.equal(JSON.parse(r.stdout).settings[0].id, id, query);
    }
  });

  it('exits 2 with a suggestion for an unknown name', async () => {
    const r = await cli(['explain', 'admin.prot']);
    assert.equal(r.exitCode, 2);
    assert.equal(r.stderr, 'drachtioctl: no setting named admin.prot; did you mean admin.port?\n');
  });
});
