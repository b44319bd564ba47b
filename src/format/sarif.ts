import type { FileResult } from '../validate/engine.js';
import type { RuleMeta } from '../validate/types.js';
import type { FormatMeta } from './index.js';
import { SRCROOT, artifactUri, directoryUri } from './paths.js';
import type { Summary } from './summary.js';

const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/**
 * A SARIF 2.1.0 log (one run) for code-scanning dashboards. Paths inside the working directory
 * are relative to %SRCROOT%; columns count UTF-16 code units, as JavaScript strings do.
 */
export function formatSarif(files: readonly FileResult[], _summary: Summary, meta: FormatMeta): string {
  const index = new Map(meta.rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    f.diagnostics.map((d) => ({
      ruleId: d.rule,
      ...(index.has(d.rule) && { ruleIndex: index.get(d.rule) }),
      level: d.severity,
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactUri(f.path, meta.cwd),
            region: { startLine: d.line, startColumn: d.column },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: meta.tool.name, version: meta.tool.version, rules: meta.rules.map(describeRule) } },
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(meta.cwd) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

function describeRule(r: RuleMeta) {
  return {
    id: r.id,
    shortDescription: { text: r.summary },
    fullDescription: { text: r.why },
    defaultConfiguration: { level: r.severity },
    help: {
      text: `${r.why}\n\nTriggers it:\n${r.bad}\n\nDoes not:\n${r.good}`,
      markdown: `${r.why}\n\nTriggers it:\n\n\`\`\`xml\n${r.bad}\n\`\`\`\n\nDoes not:\n\n\`\`\`xml\n${r.good}\n\`\`\``,
    },
  };
}
