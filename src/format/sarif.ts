import { createHash } from 'node:crypto';
import type { FileResult } from '../validate/engine.js';
import { ruleTags } from '../validate/rules/tags.js';
import type { RuleMeta } from '../validate/types.js';
import type { FormatMeta } from './index.js';
import { SRCROOT, artifactUri, directoryUri } from './paths.js';
import { regionAt } from './region.js';
import type { Summary } from './summary.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Where each rule is documented: its heading in docs/rules.md. */
export const RULES_DOC = 'https://github.com/drachtioctl/drachtioctl/blob/main/docs/rules.md';

/**
 * A result's identity across runs, so code scanning keeps one alert while lines move: the rule, the
 * file, the setting and the message, not the position.
 */
function fingerprint(rule: string, uri: string, setting: string | undefined, message: string): string {
  return createHash('sha256').update([rule, uri, setting ?? '', message].join('\0')).digest('hex').slice(0, 32);
}

/** "weak-admin-secret" -> "WeakAdminSecret", SARIF's form of a rule's readable name. */
const ruleName = (id: string) => id.replace(/(^|-)([a-z0-9])/g, (_, _d, c: string) => c.toUpperCase());

/**
 * A SARIF 2.1.0 log (one run) for code-scanning dashboards. Paths inside the working directory
 * are relative to %SRCROOT%; columns count UTF-16 code units, as JavaScript strings do.
 */
export function formatSarif(files: readonly FileResult[], _summary: Summary, meta: FormatMeta): string {
  const index = new Map(meta.rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) => {
    const artifactLocation = artifactUri(f.path, meta.cwd);
    const lines = f.diagnostics.length > 0 ? meta.source?.(f.path)?.split(/\r?\n/) : undefined;
    return f.diagnostics.map((d) => ({
      ruleId: d.rule,
      ...(index.has(d.rule) && { ruleIndex: index.get(d.rule) }),
      level: d.severity,
      message: { text: d.message },
      locations: [{ physicalLocation: { artifactLocation, region: regionAt(lines?.[d.line - 1], d.line, d.column) } }],
      partialFingerprints: { 'drachtioctlFinding/v1': fingerprint(d.rule, artifactLocation.uri, d.setting, d.message) },
    }));
  });
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: meta.tool.name, version: meta.tool.version, rules: meta.rules.map(describeRule) } },
        automationDetails: { id: 'drachtioctl/validate/' },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(meta.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function describeRule(r: RuleMeta) {
  const t = ruleTags(r.id);
  return {
    id: r.id,
    name: ruleName(r.id),
    helpUri: `${RULES_DOC}#${r.id}`,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.why },
    defaultConfiguration: { level: r.severity },
    help: {
      text: `${r.why}\n\nTriggers it:\n${r.bad}\n\nDoes not:\n${r.good}`,
      markdown: `${r.why}\n\nTriggers it:\n\n\`\`\`xml\n${r.bad}\n\`\`\`\n\nDoes not:\n\n\`\`\`xml\n${r.good}\n\`\`\``,
    },
    ...(t && {
      properties: {
        tags: t.tags,
        precision: t.precision,
        ...(t.securitySeverity !== undefined && { 'security-severity': t.securitySeverity.toFixed(1) }),
      },
    }),
  };
}
