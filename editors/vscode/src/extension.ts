// The VS Code client of `drachtioctl lsp --stdio`: it starts the server and tells it which files
// are drachtio configs and what the settings say. Everything else happens in the server.
import { workspace, type ExtensionContext } from 'vscode';
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

function settings() {
  const c = workspace.getConfiguration('drachtioctl');
  return {
    command: c.get<string[]>('command', ['drachtioctl']),
    files: c.get<string[]>('files', []),
    targetVersion: c.get<string>('targetVersion', ''),
    checkFiles: c.get<boolean>('checkFiles', false),
  };
}

export async function activate(context: ExtensionContext): Promise<void> {
  context.subscriptions.push(
    workspace.onDidChangeConfiguration(async (e) => {
      // the command and the files are fixed when the client starts: restart it for those
      if (!e.affectsConfiguration('drachtioctl.command') && !e.affectsConfiguration('drachtioctl.files')) return;
      await deactivate();
      await start();
    }),
  );
  await start();
}

async function start(): Promise<void> {
  const { command, files, targetVersion, checkFiles } = settings();
  const [program = 'drachtioctl', ...before] = command;
  const server: ServerOptions = { command: program, args: [...before, 'lsp', '--stdio'] };
  const options: LanguageClientOptions = {
    // the configs, and the project configs that set their policy (checked as they are typed too)
    documentSelector: [...files, '**/.drachtioctl.json'].map((pattern) => ({ scheme: 'file', pattern })),
    // later changes of these settings, and of .drachtioctl.json files, the server asks VS Code for itself
    initializationOptions: { targetVersion, checkFiles },
  };
  client = new LanguageClient('drachtioctl', 'drachtioctl', server, options);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
