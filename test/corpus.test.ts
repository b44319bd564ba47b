import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { toComparable } from '../src/model/comparable.js';
import { parseXml } from '../src/model/parse.js';
import { validateText } from '../src/validate/engine.js';
import { isMarkdownPath, xmlBlocksOfMarkdown } from '../src/xml/markdown.js';
import { renderXml } from '../src/xml/render.js';
import { CORPUS } from './helpers.js';

const files = readdirSync(CORPUS).filter((f) => f !== 'MANIFEST.tsv' && f !== 'README.md').sort();

/** The documents inside a corpus file: itself, or a Markdown file's ```xml blocks. */
const documentsOf = (f: string, text: string) => (isMarkdownPath(f) ? xmlBlocksOfMarkdown(text) : [text]);

describe('real-world corpus', () => {
  it('has the 42 files the brief describes', () => assert.equal(files.length, 42));

  for (const f of files) {
    it(`round-trips ${f} through the model and canonical XML`, () => {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      for (const docText of documentsOf(f, text)) {
        const first = parseXml(docText, f);
        if (first.xml.fatal) {
          // only the JSON look-alike is not XML at all
          assert.equal(f, 'drachtio-server__drachtio.conf.json');
          continue;
        }
        const rendered = renderXml(first.config);
        const second = parseXml(rendered, `${f} (rendered)`);
        assert.equal(second.xml.fatal, undefined, rendered);
        assert.deepEqual(toComparable(second.config), toComparable(first.config));
        assert.equal(renderXml(second.config), rendered, 'rendering is stable');
      }
    });
  }

  it('finds exactly the real startup failures', () => {
    const found = files.flatMap((f) =>
      validateText(readFileSync(join(CORPUS, f), 'utf8'), f)
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => `${f}:${d.line}:${d.column} ${d.rule}`),
    );
    assert.deepEqual(found, [
      'aibot__drachtio.xml:2:1 root-element',
      'calling__drachtio.conf.xml:2:3 admin-address-invalid',
      'drachtio-basic-registrar__drachtio.conf.xml@8876099:2:37 admin-address-invalid',
      // the docs' skeleton <admin/> has no address; its spammers example repeats an attribute
      'drachtio-new-site__docs_configuring.md:17:3 admin-address-invalid',
      'drachtio-new-site__docs_configuring.md:238:27 xml-lenient',
      'drachtio-server__drachtio.conf.json:1:1 xml-not-well-formed',
      // the server's own test config expects TLS files from the command line
      'drachtio-server__test_drachtio.conf3.xml:4:24 admin-tls-incomplete',
    ]);
  });
});
