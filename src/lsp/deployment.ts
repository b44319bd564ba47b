import { CompletionItemKind, DiagnosticSeverity, MarkupKind, type CompletionItem, type Diagnostic as LspDiagnostic, type Hover, type Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { describeEntry, describeSetting, type SettingDescription } from '../docs/describe.js';
import { settingSection } from '../docs/settings-md.js';
import { UserError } from '../errors.js';
import { deployedConfigs } from '../io/deployment.js';
import { REGISTRY, isList } from '../registry/index.js';
import { lookup } from '../registry/lookup.js';
import { validateDeployment } from '../validate/deployment.js';
import { applyPolicy } from '../validate/policy.js';
import { checkingOf, SOURCE, toLsp } from './checking.js';
import { PositionMap } from './positions.js';
import type { DocumentService, ServerSettings } from './service.js';

/** An environment variable or a long flag of the server, as written in a deployment file. */
const NAME = /DRACHTIO_[A-Z0-9_]*|--[a-z][a-z0-9-]*/g;

/**
 * Deployment files (compose files, systemd units, Kubernetes manifests, docker run lines): the
 * findings of `validate` on each drachtio service's effective configuration that stand in the
 * file itself, values it cannot know as notes, and `explain` on hover and completion for the
 * server's environment variables and flags.
 */
export class DeploymentService implements DocumentService {
  constructor(private readonly settings: ServerSettings) {}

  diagnostics(doc: TextDocument): LspDiagnostic[] {
    const { path, policy, options, problem } = checkingOf(doc, this.settings);
    const text = doc.getText();
    const map = new PositionMap(doc);
    const out = problem ? [problem] : [];
    try {
      const deployed = validateDeployment(path, deployedConfigs(text, path), options);
      // the deployment file comes first; findings in its env files and XML config stand in those
      out.push(...applyPolicy(deployed.files[0]!, text, policy.rules).diagnostics.map((d) => toLsp(d, map)));
      for (const u of deployed.unknowns.filter((n) => n.file === path)) {
        out.push({ range: map.findingRange(u), severity: DiagnosticSeverity.Information, source: SOURCE, message: `${u.what} cannot be known from the files: ${u.why}` });
      }
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      out.push({ range: map.findingRange({ line: e.line ?? 1, column: e.column ?? 1 }), severity: DiagnosticSeverity.Error, source: SOURCE, message: e.message });
    }
    return out;
  }

  hover(doc: TextDocument, position: Position): Hover | null {
    const offset = doc.offsetAt(position);
    const line = doc.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
    const lineStart = doc.offsetAt({ line: position.line, character: 0 });
    for (const m of line.matchAll(NAME)) {
      const [start, end] = [lineStart + m.index, lineStart + m.index + m[0].length];
      if (offset < start || offset > end) continue;
      const d = describe(m[0]);
      return d ? { contents: { kind: MarkupKind.Markdown, value: settingSection(d) }, range: { start: doc.positionAt(start), end: doc.positionAt(end) } } : null;
    }
    return null;
  }

  /** Environment variable names after `DRACHTIO_`, flags after `--`. */
  completion(doc: TextDocument, position: Position): CompletionItem[] {
    const before = doc.getText({ start: { line: position.line, character: 0 }, end: position });
    const typed = /(DRACHTIO_[A-Z0-9_]*|--[a-z0-9-]*)$/.exec(before)?.[1];
    if (!typed) return [];
    const range = { start: { line: position.line, character: position.character - typed.length }, end: position };
    const names = typed.startsWith('--') ? FLAGS : ENVS;
    return [...names].map(([name, d]) => ({
      label: name,
      kind: CompletionItemKind.Variable,
      textEdit: { range, newText: name },
      detail: d.summary,
      documentation: { kind: MarkupKind.Markdown, value: settingSection(d) },
    }));
  }

  codeActions(): [] {
    return [];
  }

  forget(): void {}
}

function describe(name: string): SettingDescription | undefined {
  const hit = lookup(name);
  if (!hit) return undefined;
  return hit.field && isList(hit.entry) ? describeSetting(hit.field, hit.entry) : describeEntry(hit.entry)[0];
}

/** Every environment variable and long flag the server reads, with the setting it sets. */
const ENVS = new Map<string, SettingDescription>();
const FLAGS = new Map<string, SettingDescription>();
for (const entry of REGISTRY) {
  const settings = isList(entry) ? [{ s: entry, d: describeEntry(entry)[0]! }, ...entry.fields.map((f) => ({ s: f, d: describeSetting(f, entry) }))] : [{ s: entry, d: describeSetting(entry) }];
  for (const { s, d } of settings) {
    if (s.env && !ENVS.has(s.env.name)) ENVS.set(s.env.name, d);
    for (const c of s.cli) if (!FLAGS.has(`--${c.long}`)) FLAGS.set(`--${c.long}`, d);
  }
}
