import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { UserError } from '../errors.js';
import { parseProjectConfig } from '../validate/project-config.js';
import { pathOf, SOURCE } from './checking.js';
import type { DocumentService } from './service.js';

/** A JSON token: a string, or a run up to the next delimiter. */
const TOKEN = /"(?:[^"\\\r\n]|\\.)*"?|[^\s,:{}[\]]+/y;

/** .drachtioctl.json itself: what would make validate stop (exit 2) is shown where it stands, as it is typed. */
export class ProjectConfigService implements DocumentService {
  diagnostics(doc: TextDocument): Diagnostic[] {
    const text = doc.getText();
    try {
      parseProjectConfig(text, pathOf(doc.uri));
      return [];
    } catch (e) {
      if (!(e instanceof UserError)) throw e;
      const start = doc.offsetAt({ line: (e.line ?? 1) - 1, character: (e.column ?? 1) - 1 });
      TOKEN.lastIndex = start;
      const end = start + (TOKEN.exec(text)?.[0].length ?? 0);
      const range = { start: doc.positionAt(start), end: doc.positionAt(end) };
      return [{ range, severity: DiagnosticSeverity.Error, source: SOURCE, code: 'project-config', message: e.message }];
    }
  }

  hover(): null {
    return null;
  }

  completion(): [] {
    return [];
  }

  codeActions(): [] {
    return [];
  }

  forget(): void {}
}
