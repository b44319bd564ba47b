import { Args } from '@oclif/core';
import { completionScript, SHELLS, type Shell } from '../completion/scripts.js';
import { completionSpec, type Manifest } from '../completion/spec.js';
import { readPackageFile } from '../io/package-root.js';
import { BaseCommand } from './base.js';
import { writeStdout } from '../io/stdout.js';

export default class Completion extends BaseCommand {
  static override summary = 'Print a shell completion script for bash, zsh or fish.';
  static override description =
    'Completes commands, flags, flag values (formats, presets), setting ids for explain and resolve --explain, and rule ids for validate --rule. Load it from your shell\'s start-up file, e.g. `source <(drachtioctl completion bash)` in ~/.bashrc; for zsh write it to a directory on $fpath as _drachtioctl; for fish, to ~/.config/fish/completions/drachtioctl.fish.';
  static override examples = ['source <(<%= config.bin %> completion bash)', '<%= config.bin %> completion fish > ~/.config/fish/completions/drachtioctl.fish', '<%= config.bin %> completion zsh > "${fpath[1]}/_drachtioctl"'];
  static override enableJsonFlag = false;
  static override args = { shell: Args.string({ description: 'the shell', options: [...SHELLS], required: true }) };

  async run(): Promise<void> {
    const { args } = await this.parse(Completion);
    const manifest = JSON.parse(readPackageFile('oclif.manifest.json')) as Manifest;
    writeStdout(completionScript(args.shell as Shell, completionSpec(this.config.bin, manifest), this.config.version));
  }
}
