/**
 * A directory operand is crawled and matched by file name (src/io/files.ts), not by the glob
 * library: it must find exactly what the glob library finds for the same suffixes, on a tree with
 * every shape that tells them apart (hidden files and directories, links, case, look-alike names).
 */
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { glob } from 'tinyglobby';
import { expandOperands } from '../src/io/files.js';
import { tempDir } from './helpers.js';

const FILES = [
  'a.xml', 'B.XML', 'two.parts.xml', 'compose.yml', 'k8s.yaml', 'drachtio.service', 'unit.service.d',
  'template.xml.j2', 'saved.xml@rev', 'notes.txt', 'xml', '.hidden.xml',
  'sub/c.yml', 'sub/deep/d.yaml', 'sub/deep/deeper/e.xml', 'sub/.f.xml', '.git/g.xml', 'sub/.cache/h.yaml',
  'node_modules/pkg/i.xml', 'with space/j.xml', 'dots.in.dir/k.service',
];

function tree(): string {
  const dir = tempDir();
  for (const f of FILES) {
    mkdirSync(join(dir, f, '..'), { recursive: true });
    writeFileSync(join(dir, f), '<drachtio/>\n');
  }
  symlinkSync(join(dir, 'sub/deep'), join(dir, 'linked-dir'));
  symlinkSync(join(dir, 'a.xml'), join(dir, 'linked.xml'));
  symlinkSync(join(dir, 'nowhere.xml'), join(dir, 'dangling.xml'));
  return dir;
}

describe('a directory operand', () => {
  it('finds what the glob library finds for *.xml, *.yml, *.yaml and *.service at any depth', async () => {
    const dir = tree();
    const globbed = await glob(['**/*.xml', '**/*.yml', '**/*.yaml', '**/*.service'], { cwd: dir, absolute: false, dot: false });
    const { paths, missing } = await expandOperands([dir]);
    assert.deepEqual(missing, []);
    assert.deepEqual(paths, globbed.sort().map((f) => `${dir}/${f}`));
    // the tree tells them apart: links are followed, hidden and look-alike names are not picked up
    assert.ok(paths.includes(`${dir}/linked-dir/deeper/e.xml`) && paths.includes(`${dir}/linked.xml`), paths.join('\n'));
    assert.ok(!paths.some((p) => /\/\.|\.j2$|@rev$|B\.XML$|\.d$/.test(p.slice(dir.length))), paths.join('\n'));
  });
});
