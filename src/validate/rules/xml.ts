import type { Rule } from '../types.js';

/** Rules about the file as XML, before any setting is looked at. */

export const xmlNotWellFormed: Rule = {
  meta: {
    id: 'xml-not-well-formed',
    rejectsFile: true,
    severity: 'error',
    summary: 'The file is not XML that drachtio-server can read.',
    why: 'The server prints "Error reading configuration file" and exits with status 255.',
    bad: '<drachtio><admin port="9022">127.0.0.1</drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin></drachtio>',
  },
  check({ xml, report }) {
    if (!xml.fatal) return;
    const json = /^\s*[{[]/.test(xml.text) ? ' (this looks like JSON; drachtio-server has no JSON reader)' : '';
    // the docs write <console\> where <console/> is meant
    const slash = /^Tag '([^']+)\\' is an invalid name/.exec(xml.fatal.message);
    const hint = slash ? ` (did you mean <${slash[1]}/>?)` : '';
    report({ message: `not well-formed XML: ${xml.fatal.message}${json}${hint}; drachtio-server refuses the file (exit 255)`, pos: xml.fatal.pos });
  },
};

const LENIENT_OUTCOME: readonly [RegExp, string][] = [
  [/is repeated/, 'the first occurrence wins and the others are ignored'],
  [/closing tag/, 'the element is closed whatever the closing tag says'],
  [/NUL character/, 'reads the file only up to it'],
];

export const xmlLenient: Rule = {
  meta: {
    id: 'xml-lenient',
    severity: 'error',
    summary: 'XML that is not well-formed, although drachtio-server\'s lenient reader accepts it.',
    why: 'Other tools (xmllint, editors, config management) reject the file, and the server may read it differently from how it looks.',
    bad: '<drachtio><admin port="9022" port="9023">127.0.0.1</admin></drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin></drachtio>',
  },
  check({ xml, report }) {
    if (xml.problems.length === 0) return;
    for (const p of xml.problems) {
      const outcome = LENIENT_OUTCOME.find(([re]) => re.test(p.message))?.[1] ?? 'it is read anyway';
      report({ message: `not well-formed XML: ${p.message}; drachtio-server accepts it and ${outcome}`, pos: p.pos });
    }
  },
};

export const rootElement: Rule = {
  meta: {
    id: 'root-element',
    rejectsFile: true,
    severity: 'error',
    summary: 'The document element is not <drachtio>.',
    why: 'The server looks for drachtio.admin from the top of the document; with any other root it finds no <admin> and exits with status 255.',
    bad: '<drachtio-config><drachtio><admin>127.0.0.1</admin></drachtio></drachtio-config>',
    good: '<drachtio><admin>127.0.0.1</admin></drachtio>',
  },
  check({ config, report }) {
    const root = config.root;
    if (!root || root.name === 'drachtio' || config.fragment) return;
    report({
      message: `the document element is <${root.name}>, but drachtio-server reads only a <drachtio> document element: it refuses this file (exit 255)`,
      pos: root.pos,
    });
  },
};
