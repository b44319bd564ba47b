import { Flags } from '@oclif/core';
import type { SourceOptions } from '../io/resolve-input.js';
import { ENV_DIALECTS, type EnvDialect } from '../sources/envfile.js';

/** The flags that say where the server's configuration comes from (resolve, doctor). */
export const SOURCE_FLAGS = {
  file: Flags.string({ description: 'XML file, as the server\'s first --file: a later -f among the server arguments wins (default: -f, DRACHTIO_CONFIG_FILE_PATH, /etc/drachtio.conf.xml)' }),
  'env-file': Flags.string({ description: 'env file (repeatable; later files win)', multiple: true, default: [] }),
  'env-format': Flags.string({ description: 'quoting rules of the env files', options: [...ENV_DIALECTS], default: 'dotenv' }),
  'from-env': Flags.boolean({ description: 'also read DRACHTIO_* from this process environment' }),
  command: Flags.string({ description: 'server command line: an ExecStart= line, "docker run … image ARGS" or plain arguments' }),
  from: Flags.string({ description: 'a deployment file: docker-compose file, systemd unit, Kubernetes manifest or docker run line', exclusive: ['file', 'command', 'env-file', 'from-env'] }),
  service: Flags.string({ description: 'with --from: the drachtio service to use when the file has several', dependsOn: ['from'] }),
};

/** The parsed SOURCE_FLAGS as options for readEffective. */
export function sourceOptions(
  flags: { file?: string; 'env-file': string[]; 'env-format': string; 'from-env': boolean; command?: string; from?: string; service?: string },
  serverArgs: readonly string[],
): SourceOptions {
  return {
    ...(flags.file !== undefined && { file: flags.file }),
    envFiles: flags['env-file'],
    envFormat: flags['env-format'] as EnvDialect,
    fromEnv: flags['from-env'],
    ...(flags.command !== undefined && { command: flags.command }),
    ...(flags.from !== undefined && { from: flags.from }),
    ...(flags.service !== undefined && { service: flags.service }),
    serverArgs,
  };
}
