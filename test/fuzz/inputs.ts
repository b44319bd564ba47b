import fc from 'fast-check';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REGISTRY } from '../../src/registry/index.js';
import { CORPUS, FIXTURES, TEMPLATE } from '../helpers.js';

/** One fuzz case: the bytes of a file and how they were made (printed when the case fails). */
export interface FuzzInput {
  what: string;
  bytes: Uint8Array;
}

const utf8 = (s: string) => new Uint8Array(Buffer.from(s, 'utf8'));

/** The XML configs in a directory, as seeds. */
const seedsIn = (dir: string) =>
  readdirSync(dir)
    .filter((f) => /\.(xml|j2)$/.test(f))
    .sort()
    .map((f) => ({ name: f, text: readFileSync(join(dir, f), 'utf8') }));

/**
 * Real configs to mutate: the template, the project's fixtures and, when it is beside the clone, the
 * shared corpus (so a seed replays the same cases only where the same corpus is present).
 */
export const SEEDS: readonly { name: string; text: string }[] = [
  { name: 'template', text: readFileSync(TEMPLATE, 'utf8') },
  ...seedsIn(FIXTURES),
  ...(existsSync(CORPUS) ? seedsIn(CORPUS) : []),
];

/** Fragments that break XML, or drachtio's reading of it, when dropped anywhere. */
const TOKENS = [
  '<', '>', '</', '/>', '&', '&amp;', '&#0;', '&#x110000;', '&#99999999999;', '&undefined;', '"', "'", '=',
  '<!--', '-->', '<![CDATA[', ']]>', '<?', '?>', '<!DOCTYPE d [<!ENTITY e "x">]>', '\0', '\r\n', '\uFEFF',
  ' port="1"', ' port="2"', '<admin>', '</admin>', '</drachtio>', '<drachtio>', '<contact>', '<value>',
  '99999999999999999999999', '-1', '-0', '1e308', 'NaN', '0x1F', '4294967296', '\u{1F600}', '{{ x }}', '\t', ' ',
];

type Mutation = (s: string) => string;
const at = (s: string, f: number) => Math.floor(f * s.length);
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation: fc.Arbitrary<[string, Mutation]> = fc.oneof(
  fraction.map((f): [string, Mutation] => [`truncate@${f.toFixed(3)}`, (s) => s.slice(0, at(s, f))]),
  fc.tuple(fraction, fc.constantFrom(...TOKENS)).map(([f, t]): [string, Mutation] => [`insert ${JSON.stringify(t)}@${f.toFixed(3)}`, (s) => s.slice(0, at(s, f)) + t + s.slice(at(s, f))]),
  fc.tuple(fraction, fc.nat(200)).map(([f, n]): [string, Mutation] => [`delete ${n}@${f.toFixed(3)}`, (s) => s.slice(0, at(s, f)) + s.slice(at(s, f) + n)]),
  fc.tuple(fraction, fc.nat(400)).map(([f, n]): [string, Mutation] => [`duplicate ${n}@${f.toFixed(3)}`, (s) => s.slice(0, at(s, f) + n) + s.slice(at(s, f))]),
  fc.tuple(fraction, fc.integer({ min: 0, max: 0xffff })).map(([f, c]): [string, Mutation] => [`replace@${f.toFixed(3)} with U+${c.toString(16)}`, (s) => s.slice(0, at(s, f)) + String.fromCharCode(c) + s.slice(at(s, f) + 1)]),
  fc.constant<[string, Mutation]>(['CRLF', (s) => s.replace(/\n/g, '\r\n')]),
);

/** How the text is stored: the usual UTF-8, or an encoding drachtio-server does not expect. */
const ENCODINGS: Record<string, (s: string) => Uint8Array> = {
  'utf-8': utf8,
  'utf-8 BOM': (s) => utf8(`\uFEFF${s}`),
  'latin-1': (s) => new Uint8Array(Buffer.from(s.replace(/e/g, 'é'), 'latin1')),
  'utf-16le BOM': (s) => new Uint8Array(Buffer.from(`\uFEFF${s}`, 'utf16le')),
  'utf-16le': (s) => new Uint8Array(Buffer.from(s, 'utf16le')),
  'utf-16be': (s) => new Uint8Array(Buffer.from(s, 'utf16le').swap16()),
};
const encoding = fc.oneof({ weight: 12, arbitrary: fc.constant('utf-8') }, { weight: 1, arbitrary: fc.constantFrom(...Object.keys(ENCODINGS)) });

/** One of `seeds` with a few mutations, in some encoding. */
const mutated = (seeds: readonly { name: string; text: string }[]): fc.Arbitrary<FuzzInput> =>
  fc.tuple(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), encoding).map(([i, ms, enc]) => {
    const seed = seeds[i]!;
    const text = ms.reduce((s, [, m]) => m(s), seed.text);
    return { what: `${seed.name}: ${ms.map(([w]) => w).join(', ')}; ${enc}`, bytes: ENCODINGS[enc]!(text) };
  });

/** A real config with a few mutations, in some encoding. */
export const mutatedSeed = mutated(SEEDS);

const ADMIN = '<admin port="9022" secret="a-long-and-random-secret-9f2c">127.0.0.1</admin>';
const inDrachtio = (inner: string) => `<?xml version="1.0"?>\n<drachtio>\n  ${ADMIN}\n${inner}\n</drachtio>\n`;

/** A token repeated up to 100,000 times: input shapes that make a careless scanner quadratic. */
const repeated: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.constantFrom('<!--', '<!DOCTYPE a', '<![CDATA[', '<?x', '<a>', '</a>', '<a ', 'a="1" ', '&', '&#', '<', ']]>', '"', '-->', '\n', '<!', '<!DOCTYPE a [', '{{'), fc.integer({ min: 1, max: 100_000 }), fc.boolean())
  .map(([t, n, wrapped]) => ({ what: `${JSON.stringify(t)} × ${n}${wrapped ? ' inside <drachtio>' : ''}`, bytes: utf8(wrapped ? inDrachtio(t.repeat(n)) : t.repeat(n)) }));

/** Elements nested up to 100,000 deep, below a place drachtio reads or not. */
const deep: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.integer({ min: 1, max: 100_000 }), fc.constantFrom('', '<sip>', '<sip><contacts><contact>', '<sip><spammers><header name="to">'), fc.boolean())
  .map(([n, where, closed]) => {
    const close = where.replace(/<(\w+)[^>]*>/g, '</$1>').split(/(?=<)/).reverse().join('');
    const body = `${where}${'<a>'.repeat(n)}${closed ? '</a>'.repeat(n) + close : ''}`;
    return { what: `nested ${n} deep in ${where || '<drachtio>'}${closed ? '' : ', unclosed'}`, bytes: utf8(inDrachtio(body)) };
  });

const absurd = fc.constantFrom('99999999999999999999999999', '-99999999999', '1e400', '-0', '0x10', '１２３', '+5', ' 5 ', '4294967296', '18446744073709551616', '1.0', '.5e-400', '');

/** Known settings with absurd numbers, many list items, repeated attributes, and a big body to make each repair costly. */
const absurdValues: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.array(absurd, { minLength: 6, maxLength: 6 }), fc.nat(300), fc.nat(3000))
  .map(([[a, b, c, d, e, f], dups, items]) => {
    const attrs = Array.from({ length: dups }, (_, i) => ` tcp-keepalive="${i}"`).join('');
    const contacts = Array.from({ length: items }, (_, i) => `<contact>sip:10.0.${i >> 8}.${i & 255}:${d}</contact>`).join('\n');
    const admin = `<admin port="${a}" tls-port="${b}"${attrs} secret="s">127.0.0.1</admin>`;
    const inner = `<sip><contacts>${contacts}</contacts><udp-mtu>${c}</udp-mtu><timers><t1>${e}</t1></timers></sip><monitoring><prometheus port="${f}"/></monitoring>`;
    return { what: `absurd numbers ${JSON.stringify([a, b, c, d, e, f])}, ${dups} repeated attributes, ${items} contacts`, bytes: utf8(`<drachtio>${admin}${inner}</drachtio>`) };
  });

/** Many errors the server's reader tolerates (each one a repair) in a big file. */
const manyRepairs: fc.Arbitrary<FuzzInput> = fc
  .tuple(fc.constantFrom('<a b="1" b="2"/>', '<a></b>', '<a b="1" c="2" b="3" c="4"></a>'), fc.integer({ min: 1, max: 400 }), fc.nat(10_000))
  .map(([bad, n, items]) => {
    const contacts = Array.from({ length: items }, (_, i) => `<contact>sip:10.0.${i >> 8}.${i & 255}:5060</contact>`).join('\n');
    return { what: `${JSON.stringify(bad)} × ${n} among ${items} contacts`, bytes: utf8(inDrachtio(`<sip><contacts>${contacts}</contacts></sip><x>${bad.repeat(n)}</x>`)) };
  });

/** An env file setting every variable the server reads (the template's values, or a placeholder). */
const ENV_SEED = REGISTRY.flatMap((e) => ('fields' in e ? [] : e.env ? [`${e.env.name}=${e.default ?? 'x'}`] : [])).join('\n');
const ENV_TOKENS = ['=', '"', "'", '\\', '$', '${', '#', 'export ', '\0', '\r\n', 'DRACHTIO_', '\n', ' ', '99999999999999999999'];

/** Env files as resolve, convert and env-export read them: mutated, in other encodings, or degenerate. */
export const envInputs: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 6, arbitrary: mutated([{ name: 'env seed', text: ENV_SEED }]) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...ENV_TOKENS), fc.integer({ min: 1, max: 100_000 }))
      .map(([t, n]) => ({ what: `${JSON.stringify(t)} × ${n}`, bytes: utf8(`DRACHTIO_ADMIN_SECRET=${t.repeat(n)}\n`) })),
  },
);

/** Everything `validate` may be handed. */
export const xmlInputs: fc.Arbitrary<FuzzInput> = fc.oneof(
  { weight: 14, arbitrary: mutatedSeed },
  { weight: 2, arbitrary: repeated },
  { weight: 1, arbitrary: deep },
  { weight: 2, arbitrary: absurdValues },
  { weight: 1, arbitrary: manyRepairs },
);
