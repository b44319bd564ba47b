import { UserError } from '../errors.js';
import type { Placement } from '../xml/positions.js';
import { parseXmlDocument, type XmlDocument } from '../xml/tree.js';
import type { DrachtioConfig } from './config.js';
import { configFromXml } from './from-xml.js';

export interface ParsedConfig {
  config: DrachtioConfig;
  xml: XmlDocument;
}

/**
 * Parse drachtio.conf.xml text into the typed model, keeping the position of every element
 * and attribute. Never throws: XML the server would refuse is reported in `xml.fatal`.
 * `placed`: where the text's positions stand in `source` (XML inline in a manifest).
 */
export function parseXml(text: string, source: string, placed?: Placement): ParsedConfig {
  const xml = parseXmlDocument(text, placed);
  return { config: configFromXml(xml, source), xml };
}

/** As parseXml, but XML that cannot be read at all is a UserError naming file, line and column. */
export function parseXmlOrThrow(text: string, source: string): ParsedConfig {
  const parsed = parseXml(text, source);
  const fatal = parsed.xml.fatal;
  if (fatal) throw new UserError(`not well-formed XML: ${fatal.message}`, source, fatal.pos.line, fatal.pos.column);
  return parsed;
}
