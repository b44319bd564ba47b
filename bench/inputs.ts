import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A valid config with `elements` list entries (spammer values and contacts in equal parts),
 * each on its own line, like a generated blocklist.
 */
export function bigConfig(elements: number): string {
  const half = Math.floor(elements / 2);
  const values: string[] = [];
  for (let i = 0; i < elements - half; i++) values.push(`        <value>scanner-${i.toString(36)}</value>`);
  const contacts: string[] = [];
  for (let i = 0; i < half; i++) {
    contacts.push(`      <contact external-ip="203.0.${(i >> 8) & 255}.${i & 255}" local-net="10.0.0.0/8">sip:10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}:5060;transport=udp</contact>`);
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<drachtio>',
    '  <admin port="9022" secret="a-long-and-random-secret-9f2c" tcp-keepalive="45">127.0.0.1</admin>',
    '  <sip>',
    '    <contacts>',
    ...contacts,
    '    </contacts>',
    '    <spammers action="reject" tcp-action="discard">',
    '      <header name="user-agent">',
    ...values,
    '      </header>',
    '    </spammers>',
    '  </sip>',
    '  <logging><console/><loglevel>info</loglevel></logging>',
    '</drachtio>',
    '',
  ].join('\n');
}

/** The smallest bigConfig of at least `bytes` bytes. */
export function configOfSize(bytes: number): string {
  const perElement = bigConfig(1000).length / 1000;
  let n = Math.ceil(bytes / perElement);
  let text = bigConfig(n);
  while (text.length < bytes) text = bigConfig((n = Math.ceil(n * 1.05)));
  return text;
}

/** A bigConfig of about `lines` lines with one thing `--fix` changes (untrimmed whitespace near the end). */
export function fixableConfig(lines: number): string {
  return bigConfig(lines).replace('<loglevel>info</loglevel>', '<loglevel> info</loglevel>');
}

export interface BenchInputs {
  dir: string;
  template: string;
  oneMb: string;
  fiveMb: string;
  /** directories of 1,000 and 10,000 configs: the template and variants of it */
  many: string;
  many10k: string;
  /** fixable configs of 5,000 and 20,000 lines */
  fix5k: string;
  fix20k: string;
}

function writeMany(dir: string, base: string, count: number): string {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < count; i++) {
    writeFileSync(join(dir, `site-${i}.xml`), base.replace('port="9022"', `port="${9022 + (i % 1000)}"`));
  }
  return dir;
}

/** Generate the benchmark's inputs under `dir` (replacing what is there). */
export function writeInputs(dir: string, template: string): BenchInputs {
  rmSync(dir, { recursive: true, force: true });
  const base = readFileSync(template, 'utf8');
  const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const many = writeMany(join(dir, 'many'), base, 1000);
  const many10k = writeMany(join(dir, 'many10k'), base, 10_000);
  return {
    dir,
    template,
    many,
    many10k,
    oneMb: file('1mb.xml', configOfSize(1 << 20)),
    fiveMb: file('5mb.xml', configOfSize(5 << 20)),
    fix5k: file('fix-5k.xml', fixableConfig(5000)),
    fix20k: file('fix-20k.xml', fixableConfig(20_000)),
  };
}
