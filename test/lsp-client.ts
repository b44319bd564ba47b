import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import type {
  CodeAction,
  CompletionItem,
  Diagnostic,
  Hover,
  InitializeResult,
  Position,
  PublishDiagnosticsParams,
  Range,
  TextDocumentContentChangeEvent,
  TextEdit,
} from 'vscode-languageserver';
import { BIN } from './helpers.js';

/**
 * A language client for tests: starts `drachtioctl lsp --stdio` as a subprocess, through the
 * CLI's own shebang, and speaks JSON-RPC to it with vscode-jsonrpc, as an editor does.
 */
export class LspClient {
  private readonly published = new Map<string, PublishDiagnosticsParams>();
  private readonly waiting: { uri: string; version: number | undefined; resolve: (d: Diagnostic[]) => void; reject: (e: Error) => void }[] = [];
  private readonly versions = new Map<string, number>();
  /** what the server asked to be told of (client/registerCapability), by method */
  readonly registered: { method: string; registerOptions?: unknown }[] = [];
  /** window/showMessage texts */
  readonly messages: string[] = [];
  stderr = '';
  result!: InitializeResult;

  private constructor(
    readonly child: ChildProcess,
    readonly connection: MessageConnection,
  ) {
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      this.published.set(p.uri, p);
      for (const w of this.waiting.filter((w) => this.arrived(w.uri, w.version))) {
        this.waiting.splice(this.waiting.indexOf(w), 1);
        w.resolve(p.diagnostics);
      }
    });
    connection.onRequest('client/registerCapability', (p: { registrations: { method: string; registerOptions?: unknown }[] }) => {
      this.registered.push(...p.registrations);
      return null;
    });
    connection.onNotification('window/showMessage', (p: { message: string }) => void this.messages.push(p.message));
    child.stderr!.on('data', (b: Buffer) => (this.stderr += b.toString()));
    // a server that dies fails what waits for it, with what it said
    child.on('exit', (code) => this.waiting.splice(0).forEach((w) => w.reject(new Error(`the server exited (${code}) before publishing for ${w.uri}: ${this.stderr}`))));
  }

  static async start(initializationOptions?: unknown, cwd?: string): Promise<LspClient> {
    const child = spawn(BIN, ['lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(cwd && { cwd }) });
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    const client = new LspClient(child, connection);
    connection.listen();
    client.result = await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: { hover: { contentFormat: ['markdown'] }, completion: {}, codeAction: {} },
        workspace: { didChangeConfiguration: { dynamicRegistration: true }, didChangeWatchedFiles: { dynamicRegistration: true } },
      },
      ...(initializationOptions !== undefined && { initializationOptions }),
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  private arrived(uri: string, version: number | undefined): boolean {
    const p = this.published.get(uri);
    return !!p && (version === undefined || p.version === version);
  }

  /** The diagnostics published for `uri` at `version` (already or when they arrive). */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]> {
    if (this.arrived(uri, version)) return Promise.resolve(this.published.get(uri)!.diagnostics);
    return new Promise((resolve, reject) => this.waiting.push({ uri, version, resolve, reject }));
  }

  /** The next diagnostics published for `uri`, whatever their version (a re-check after settings or a project config changed). */
  nextDiagnostics(uri: string): Promise<Diagnostic[]> {
    this.published.delete(uri);
    return this.diagnostics(uri);
  }

  notify(method: string, params: unknown): Promise<void> {
    return this.connection.sendNotification(method, params);
  }

  /** Open a document (its unsaved text may differ from the file's) and wait for its diagnostics. */
  async open(uri: string, text: string, languageId = 'xml'): Promise<Diagnostic[]> {
    this.versions.set(uri, 1);
    this.published.delete(uri);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    return this.diagnostics(uri, 1);
  }

  /** Send incremental changes and wait for the diagnostics of the new version. */
  async change(uri: string, changes: TextDocumentContentChangeEvent[]): Promise<Diagnostic[]> {
    const version = this.versions.get(uri)! + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
    return this.diagnostics(uri, version);
  }

  hover(uri: string, position: Position): Promise<Hover | null> {
    return this.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
  }

  completion(uri: string, position: Position): Promise<CompletionItem[] | null> {
    return this.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position });
  }

  codeActions(uri: string, range: Range, diagnostics: Diagnostic[], only?: string[]): Promise<CodeAction[] | null> {
    return this.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics, ...(only && { only }) } });
  }

  /** shutdown, then exit; resolves with the server's exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}

export const fileUri = (path: string) => pathToFileURL(path).href;

/** The offset of a 0-based line and UTF-16 character, as LSP counts them. */
export function offsetAt(text: string, p: Position): number {
  let offset = 0;
  for (let line = 0; line < p.line; line++) offset = text.indexOf('\n', offset) + 1;
  return offset + p.character;
}

/** The text with LSP edits applied (non-overlapping, as a workspace edit's are). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const located = edits.map((e) => ({ start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end), text: e.newText }));
  let out = text;
  for (const e of located.sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** The 0-based position of the `nth` (0-based) occurrence of `needle` in the text, as LSP counts it (UTF-16 units). */
export function positionOf(text: string, needle: string, nth = 0): Position {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" #${nth} is not in the text`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length - 1;
  return { line, character: at - (before.lastIndexOf('\n') + 1) };
}
