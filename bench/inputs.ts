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

export interface BenchInputs {
  dir: string;
  template: string;
  oneMb: string;
  fiveMb: string;
  /** a directory of `count` configs: the template and variants of it */
  many: string;
}

/** Generate the benchmark's inputs under `dir` (replacing what is there). */
export function writeInputs(dir: string, template: string, count = 1000): BenchInputs {
  rmSync(dir, { recursive: true, force: true });
  const many = join(dir, 'many');
  mkdirSync(many, { recursive: true });
  const base = readFileSync(template, 'utf8');
  for (let i = 0; i < count; i++) {
    writeFileSync(join(many, `site-${i}.xml`), base.replace('port="9022"', `port="${9022 + (i % 1000)}"`));
  }
  const oneMb = join(dir, '1mb.xml');
  const fiveMb = join(dir, '5mb.xml');
  writeFileSync(oneMb, configOfSize(1 << 20));
  writeFileSync(fiveMb, configOfSize(5 << 20));
  return { dir, template, oneMb, fiveMb, many };
}
