import { Flags } from '@oclif/core';
import { UserError } from '../errors.js';
import { BaseCommand } from './base.js';

export default class Lsp extends BaseCommand {
  static override summary = 'Language server for editors: validate as you type, explain on hover, completion and quick fixes.';
  static override description =
    "Speaks the Language Server Protocol on stdin and stdout, for drachtio XML configs and deployment files (compose, systemd units, Kubernetes manifests): the diagnostics of validate (same rules, messages and positions, under the file's .drachtioctl.json and inline suppressions) on open and on every change, explain on hover, completion of the element and attribute names, values, environment variables and flags drachtio-server reads, and every --fix rewrite and \"did you mean\" rename as a quick fix. Editors start it themselves; see the README. It has no --json: its output is the protocol's JSON-RPC.";
  static override examples = ['<%= config.bin %> lsp --stdio'];
  // its output is JSON-RPC already
  static override enableJsonFlag = false;
  static override flags = {
    stdio: Flags.boolean({ description: 'talk over stdin and stdout (the only transport; editors pass it)' }),
  };

  async run(): Promise<void> {
    const { flags } = await this.parse(Lsp);
    if (!flags.stdio) throw new UserError('lsp: give --stdio: the server talks LSP over stdin and stdout, and is started by an editor (see the README)');
    // the protocol library loads only here, never for other commands
    const { startServer } = await import('../lsp/server.js');
    startServer(process.stdin, process.stdout, this.config.version);
  }
}
