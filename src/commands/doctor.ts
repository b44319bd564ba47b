import { Args, Flags } from '@oclif/core';
import { EXIT } from '../errors.js';
import { serverArgsOf } from '../io/resolve-input.js';
import { lookupUser } from '../doctor/access.js';
import { formatDoctor } from '../doctor/format.js';
import { runDoctor, type DoctorReport } from '../doctor/index.js';
import { doctorConfigFrom } from '../doctor/input.js';
import { BaseCommand } from './base.js';
import { SOURCE_FLAGS, sourceOptions } from './source-flags.js';
import { writeStdout } from '../io/stdout.js';

export default class Doctor extends BaseCommand {
  static override summary = 'Check this host against a configuration: TLS files, ports, addresses, directories and users, names.';
  static override description =
    'Reads the configuration the way resolve does (the file, env files, the environment, server arguments after "--") and checks what the server needs from this host: TLS key, certificate, chain and DH parameters; every port it opens free (or held by a running drachtio); each contact\'s address on a local interface; log and archive directories writable by --user; syslog, Homer and redis names resolving. Exit status: 0 nothing fails, 1 a check fails, 2 usage or I/O problem.';
  static override examples = [
    '<%= config.bin %> doctor /etc/drachtio.conf.xml --user drachtio',
    '<%= config.bin %> doctor --file drachtio.conf.xml --env-file prod.env --json',
  ];
  static override strict = false;
  static override args = { file: Args.string({ description: 'XML file (or --file)' }) };
  static override flags = {
    ...SOURCE_FLAGS,
    user: Flags.string({ description: 'the account the server runs as: directories and files are checked for it (/etc/passwd, /etc/group)' }),
    'dns-timeout': Flags.integer({ description: 'milliseconds to wait for each name lookup', min: 1, default: 2000 }),
  };

  async run(): Promise<DoctorReport> {
    const { args, flags } = await this.parse(Doctor);
    const serverArgs = serverArgsOf(this.argv);
    // with strict off, oclif hands the first word after "--" to FILE: that word is the server's
    const dashes = this.argv.indexOf('--');
    const file = args.file !== undefined && (dashes < 0 || this.argv.indexOf(args.file) < dashes) ? args.file : flags.file;
    const config = await doctorConfigFrom(sourceOptions({ ...flags, ...(file !== undefined && { file }) }, serverArgs));
    const user = flags.user === undefined ? undefined : lookupUser(flags.user);
    const report = await runDoctor(config, { ...(user && { user }), dnsTimeoutMs: flags['dns-timeout'] });
    process.exitCode = report.summary.fail > 0 ? EXIT.FINDINGS : EXIT.OK;
    if (!this.jsonEnabled()) writeStdout(formatDoctor(report));
    return report;
  }
}
