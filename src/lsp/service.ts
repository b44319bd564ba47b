import type { CodeAction, CodeActionParams, CompletionItem, Diagnostic, Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';

/** What the editor's settings (initializationOptions, or workspace/didChangeConfiguration's `drachtioctl` section) choose: validate's --target-version and --check-files. */
export interface ServerSettings {
  targetVersion?: string;
  checkFiles?: boolean;
}

/** The language features for one kind of document. */
export interface DocumentService {
  diagnostics(doc: TextDocument): Diagnostic[];
  hover(doc: TextDocument, position: Position): Hover | null;
  completion(doc: TextDocument, position: Position): CompletionItem[];
  codeActions(doc: TextDocument, params: CodeActionParams): CodeAction[];
  /** the document was closed: drop what is kept about it */
  forget(uri: string): void;
}
