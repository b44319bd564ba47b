import { elementPos, type IgnoredNode } from '../../model/config.js';
import { renameAttribute, renameElement } from '../edits.js';
import { closest, knownAttributes, knownChildren, placesOf, settingWithSpelling } from '../names.js';
import type { Fix, Rule, RuleContext } from '../types.js';

/** Elements and attributes drachtio-server never reads: misspelt, misplaced, repeated, or named as in its docs. */

const isAttr = (n: IgnoredNode) => n.attrValue !== undefined;
const tag = (path: readonly string[]) => path.map((p) => `<${p}>`).join('');
const where = (parent: readonly string[]) => (parent.length === 0 ? '<drachtio>' : `<${parent[parent.length - 1]}>`);

const NONE: readonly IgnoredNode[] = Object.freeze([]);

/** Unknown nodes, minus the document element itself (root-element covers that) and extra roots (not XML). */
function unknownNodes({ config }: RuleContext): readonly IgnoredNode[] {
  // most files have nothing ignored: four rules ask, and none need a list made
  if (config.ignored.length === 0) return NONE;
  return config.ignored.filter((n) => n.reason === 'unknown' && n.parent[0] !== '..' && !(n.parent.length === 0 && n.pos === config.root?.pos));
}

const hasSpelling = (n: IgnoredNode) => settingWithSpelling(n.parent, n.name, isAttr(n)) !== undefined;
const isMisplaced = (n: IgnoredNode) => !isAttr(n) && placesOf(n.name).length > 0;

export const ignoredDocsName: Rule = {
  meta: {
    id: 'ignored-docs-name',
    severity: 'warning',
    fixable: true,
    summary: "An element or attribute spelled as in drachtio's own docs or sample config, which the parser never reads.",
    why: 'The documented tcp-keepalive-interval attribute and the sample\'s <mtu-size> element are silently ignored: the server keeps its defaults. `--fix` renames tcp-keepalive-interval to tcp-keepalive; <mtu-size> is only reported, because <udp-mtu> has had no effect since v0.9.4 either.',
    bad: '<drachtio><admin tcp-keepalive-interval="30">127.0.0.1</admin></drachtio>',
    good: '<drachtio><admin tcp-keepalive="30">127.0.0.1</admin></drachtio>',
  },
  check(ctx) {
    for (const n of unknownNodes(ctx)) {
      const found = settingWithSpelling(n.parent, n.name, isAttr(n));
      if (!found) continue;
      const { setting: s, realName } = found;
      const spelling = s.ignoredSpellings!.find((sp) => sp.name === n.name)!;
      const what = isAttr(n) ? `the ${n.name} attribute of ${where(n.parent)}` : `<${n.name}>`;
      const real = isAttr(n) ? `${realName}` : `<${realName}>`;
      let message = `${what} is never read by drachtio-server (the name comes from ${spelling.seenIn}), so the default stays in force: the setting is ${real}`;
      if (s.effect === 'no-effect') message += `, which has itself had no effect since ${s.noEffectSince}: remove it`;
      const taken = ctx.config.values.has(s.id);
      const fix =
        spelling.rename && !taken
          ? {
              description: `rename ${n.name} to ${realName}`,
              edits: isAttr(n) ? renameAttribute(n.pos, n.name, realName) : renameElement(ctx.xml, n.element!, realName),
            }
          : undefined;
      if (spelling.rename && taken) message += ` (already set here, so this one is simply ignored)`;
      ctx.report({ message, pos: n.pos, setting: s.id, ...(fix && { fix }) });
    }
  },
};

export const misplacedElement: Rule = {
  meta: {
    id: 'misplaced-element',
    severity: 'warning',
    summary: 'A known element in the wrong place, such as <tls> directly under <drachtio> instead of under <sip>.',
    why: 'The server looks each setting up by its full path; an element anywhere else is silently ignored and the setting keeps its default.',
    bad: '<drachtio><admin>127.0.0.1</admin><tls><key-file>/etc/drachtio/key.pem</key-file></tls></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><tls><key-file>/etc/drachtio/key.pem</key-file></tls></sip></drachtio>',
  },
  check(ctx) {
    for (const n of unknownNodes(ctx)) {
      if (!isMisplaced(n) || hasSpelling(n)) continue;
      const places = placesOf(n.name).map((p) => tag(['drachtio', ...p]));
      ctx.report({
        message: `<${n.name}> is not read inside ${where(n.parent)}: drachtio-server reads it only as ${places.join(' or ')}, so it is silently ignored here`,
        pos: n.pos,
      });
    }
  },
};

/** The known names nearest a misspelt one: in the message as "did you mean", and as renames an editor may offer. */
function nearNames(ctx: RuleContext, n: IgnoredNode): { text: string; suggestions: Fix[] } {
  const near = closest(n.name, isAttr(n) ? knownAttributes(n.parent) : knownChildren(n.parent));
  if (near.length === 0) return { text: '', suggestions: [] };
  const suggestions = near.map((to) => ({
    description: `rename ${n.name} to ${to}`,
    edits: isAttr(n) ? renameAttribute(n.pos, n.name, to) : renameElement(ctx.xml, n.element!, to),
  }));
  return { text: ` (did you mean ${near.map((c) => (isAttr(n) ? c : `<${c}>`)).join(' or ')}?)`, suggestions };
}

export const unknownElement: Rule = {
  meta: {
    id: 'unknown-element',
    severity: 'warning',
    summary: 'An element drachtio-server does not read at that place.',
    why: 'The parser looks settings up by exact, case-sensitive path: a misspelt or invented element is silently ignored and the setting keeps its default.',
    bad: '<drachtio><admin>127.0.0.1</admin><loging><loglevel>debug</loglevel></loging></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>debug</loglevel></logging></drachtio>',
  },
  check(ctx) {
    for (const n of unknownNodes(ctx)) {
      if (isAttr(n) || isMisplaced(n) || hasSpelling(n)) continue;
      const legacy = n.parent.join('/') === 'sip/contact';
      const { text, suggestions } = legacy ? { text: '', suggestions: [] } : nearNames(ctx, n);
      ctx.report({ message: `<${n.name}> inside ${where(n.parent)} is not a drachtio-server setting${text}: it is silently ignored`, pos: n.pos, suggestions });
    }
  },
};

export const unknownAttribute: Rule = {
  meta: {
    id: 'unknown-attribute',
    severity: 'warning',
    summary: 'An attribute drachtio-server does not read on that element.',
    why: 'Misspelt or invented attributes are silently ignored; on the legacy <sip><contact> even external-ip and local-net are ignored.',
    bad: '<drachtio><admin prot="9023">127.0.0.1</admin></drachtio>',
    good: '<drachtio><admin port="9023">127.0.0.1</admin></drachtio>',
  },
  check(ctx) {
    for (const n of unknownNodes(ctx)) {
      if (!isAttr(n) || hasSpelling(n)) continue;
      if (n.parent.join('/') === 'sip/contact') {
        const message = `the ${n.name} attribute is ignored on the legacy <sip><contact>: drachtio-server takes only its URI; attributes work on <sip><contacts><contact>`;
        ctx.report({ message, pos: n.pos });
        continue;
      }
      const { text, suggestions } = nearNames(ctx, n);
      ctx.report({ message: `${where(n.parent)} has no ${n.name} attribute${text}: drachtio-server silently ignores it`, pos: n.pos, suggestions });
    }
  },
};

export const duplicateElement: Rule = {
  meta: {
    id: 'duplicate-element',
    severity: 'warning',
    summary: 'An element repeated where the server reads only one.',
    why: 'The parser takes the first element of each name and silently ignores the rest, so an edit made to the second copy has no effect.',
    bad: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>info</loglevel><loglevel>debug</loglevel></logging></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>debug</loglevel></logging></drachtio>',
  },
  check({ config, report }) {
    for (const n of config.ignored) {
      if (n.reason !== 'duplicate' || isAttr(n)) continue;
      const first = elementPos(config, [...n.parent, n.name].join('/'));
      report({
        message: `${tag([...n.parent, n.name])} is repeated: drachtio-server reads only the first one${first ? ` (line ${first.line})` : ''} and ignores this one`,
        pos: n.pos,
      });
    }
  },
};
