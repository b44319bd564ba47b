import {
  CodeActionKind,
  createConnection,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  MessageType,
  ShowMessageNotification,
  StreamMessageReader,
  StreamMessageWriter,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PROJECT_CONFIG } from '../validate/project-config.js';
import { parseVersionRange } from '../validate/version.js';
import { documentServices } from './documents.js';
import type { ServerSettings } from './service.js';

/**
 * `drachtioctl lsp --stdio`: the language server, speaking LSP over the given streams. Documents
 * are synced incrementally and checked on open and on every change, unsaved text included.
 */
export function startServer(input: NodeJS.ReadableStream, output: NodeJS.WritableStream, version: string): Connection {
  const connection = createConnection(new StreamMessageReader(input), new StreamMessageWriter(output));
  const documents = new TextDocuments(TextDocument);
  let serviceFor = documentServices({});

  const publish = (doc: TextDocument) => {
    const service = serviceFor(doc);
    if (service) void connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: service.diagnostics(doc) });
  };
  const republishAll = () => documents.all().forEach(publish);
  const applySettings = (raw: unknown) => {
    const settings = readSettings(raw);
    if (settings.problem) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message: `drachtioctl: ${settings.problem}` });
    serviceFor = documentServices(settings.settings);
  };

  let registers = { configuration: false, watchedFiles: false };
  connection.onInitialize((params) => {
    applySettings(params.initializationOptions);
    const workspace = params.capabilities.workspace;
    registers = { configuration: !!workspace?.didChangeConfiguration?.dynamicRegistration, watchedFiles: !!workspace?.didChangeWatchedFiles?.dynamicRegistration };
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ['<', '/', ' ', '"', "'"] },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.SourceFixAll] },
      },
      serverInfo: { name: 'drachtioctl', version },
    };
  });
  connection.onInitialized(() => {
    // ask for settings changes, and to hear of project configs changing, where the client lets servers ask
    // (a client that refuses leaves the server as it was: no need to stop for it)
    const refused = () => undefined;
    if (registers.configuration) connection.client.register(DidChangeConfigurationNotification.type, { section: 'drachtioctl' }).catch(refused);
    if (registers.watchedFiles) connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${PROJECT_CONFIG}` }] }).catch(refused);
  });
  connection.onDidChangeConfiguration((change) => {
    const section = (change.settings as { drachtioctl?: unknown } | null)?.drachtioctl;
    if (section !== undefined) {
      applySettings(section);
      republishAll();
    }
  });
  // a .drachtioctl.json was created, changed or deleted (clients watch it for us): the policy may differ
  connection.onDidChangeWatchedFiles(republishAll);

  documents.onDidChangeContent((e) => publish(e.document));
  documents.onDidClose((e) => {
    serviceFor(e.document)?.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  const withService = <T>(uri: string, empty: T, f: (doc: TextDocument, s: NonNullable<ReturnType<typeof serviceFor>>) => T): T => {
    const doc = documents.get(uri);
    const service = doc && serviceFor(doc);
    return doc && service ? f(doc, service) : empty;
  };
  connection.onHover((p) => withService(p.textDocument.uri, null, (doc, s) => s.hover(doc, p.position)));
  connection.onCompletion((p) => withService(p.textDocument.uri, [], (doc, s) => s.completion(doc, p.position)));
  connection.onCodeAction((p) => withService(p.textDocument.uri, [], (doc, s) => s.codeActions(doc, p)));

  documents.listen(connection);
  connection.listen();
  return connection;
}

/** The editor's settings, with what is wrong in them (they are then left out, not guessed). */
function readSettings(raw: unknown): { settings: ServerSettings; problem?: string } {
  const o = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const settings: ServerSettings = {};
  let problem: string | undefined;
  if (typeof o.targetVersion === 'string' && o.targetVersion.trim() !== '') {
    if (parseVersionRange(o.targetVersion)) settings.targetVersion = o.targetVersion;
    else problem = `targetVersion ${o.targetVersion}: not a version such as 0.9.x, 0.8.25 or v0.9.4; ignored`;
  }
  if (o.checkFiles === true) settings.checkFiles = true;
  return { settings, ...(problem && { problem }) };
}
