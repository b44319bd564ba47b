import { settingSection } from '../docs/settings-md.js';
import { knownChildren, settingWithSpelling } from '../validate/names.js';
import type { Cursor } from './cursor.js';
import { placeOf, settingAt, type XmlPlace } from './settings-at.js';

/**
 * What hovering over a name or value in a drachtio config explains, as Markdown: `explain` for
 * the setting there; for a name from drachtio's docs that the server never reads, the setting it
 * stands for; for an element that only holds others, what it may hold.
 */
export function hoverMarkdown(cursor: Cursor): string | undefined {
  const place = placeOf(cursor);
  if (!place) return undefined;
  const here = settingAt(place);
  if (here) return settingSection(here.description);
  const spelt = misspelling(place);
  if (spelt) return spelt;
  const children = place.attr === undefined ? knownChildren(place.path) : [];
  if (children.length === 0) return undefined;
  const name = place.path[place.path.length - 1];
  return `\`<${name}>\` holds ${children.map((c) => `\`<${c}>\``).join(', ')}.`;
}

/** A docs-only spelling: what the server reads instead, and that setting's story. */
function misspelling({ path, attr }: XmlPlace): string | undefined {
  const [parent, name] = attr === undefined ? [path.slice(0, -1), path[path.length - 1]!] : [path, attr];
  const found = settingWithSpelling(parent, name, attr !== undefined);
  if (!found) return undefined;
  const spelling = found.setting.ignoredSpellings!.find((s) => s.name === name)!;
  const note = `\`${name}\` is never read by drachtio-server (the name comes from ${spelling.seenIn}): the setting is \`${found.realName}\`.`;
  const where = attr === undefined ? { path: [...parent, found.realName] } : { path, attr: found.realName };
  const real = settingAt(where);
  return real ? `${note}\n\n${settingSection(real.description)}` : note;
}
