import { Flags } from '@oclif/core';
import { readFileSync } from 'node:fs';
import { EXIT, UserError } from '../errors.js';
import { doctorConfigFrom } from '../doctor/input.js';
import { authenticate, PingError, type PingResult } from '../ping/client.js';
import { formatPing, type PingJson } from '../ping/format.js';
import { scrapeMetrics } from '../ping/prometheus.js';
import { adminEndpoint, metricsEndpoint } from '../ping/target.js';
import { BaseCommand } from './base.js';
import { writeStderr, writeStdout } from '../io/stdout.js';

export default class Ping extends BaseCommand {
  static override summary = "Connect to a running drachtio's admin port, authenticate, and report its version and SIP hostports.";
  static override description =
    'Speaks the admin protocol applications use (length-prefixed frames; authenticate with the secret). Host, port and secret come from the flags, else from --file, else the server defaults (127.0.0.1:9022, secret "admin"); the secret is never printed. A wrong secret, a refused connection, a reset or no answer within --timeout each give one line. Exit status: 0 authenticated, 1 not (or the metrics scrape failed), 2 usage or I/O problem.';
  static override examples = [
    '<%= config.bin %> ping --file /etc/drachtio.conf.xml',
    '<%= config.bin %> ping --host 10.0.0.5 --port 9022 --secret "$DRACHTIO_SECRET" --json',
    '<%= config.bin %> ping --file drachtio.conf.xml --tls --ca ca.pem --prometheus',
  ];
  static override flags = {
    host: Flags.string({ description: 'admin address (default: the configuration\'s, or 127.0.0.1)' }),
    port: Flags.integer({ description: 'admin port (default: the configuration\'s, or 9022)', min: 1, max: 65535 }),
    tls: Flags.boolean({ description: 'connect with TLS (the admin tls-port)' }),
    ca: Flags.string({ description: 'with --tls: verify the server certificate against this PEM file (without it, the certificate is not verified)', dependsOn: ['tls'] }),
    secret: Flags.string({ description: 'the admin secret (default: the configuration\'s, or "admin")', exclusive: ['file'] }),
    file: Flags.string({ description: 'read host, port and secret from this XML configuration' }),
    timeout: Flags.integer({ description: 'milliseconds for connecting, the TLS handshake and the answer (and again for the scrape)', min: 1, default: 5000 }),
    prometheus: Flags.boolean({ description: 'also scrape /metrics and summarise the key counters' }),
    'metrics-port': Flags.integer({ description: 'with --prometheus: the scrape port (default: the configuration\'s)', min: 1, max: 65535, dependsOn: ['prometheus'] }),
  };

  async run(): Promise<PingJson> {
    const { flags } = await this.parse(Ping);
    const config = flags.file === undefined ? undefined : (await doctorConfigFrom({ file: flags.file, envFiles: [], envFormat: 'dotenv', fromEnv: false, serverArgs: [] })).config;
    const target = adminEndpoint(flags, config);
    const metricsAt = flags.prometheus ? metricsEndpoint(flags.host, flags['metrics-port'], config) : undefined;
    let ca: Buffer | undefined;
    if (flags.ca !== undefined) {
      try {
        ca = readFileSync(flags.ca);
      } catch (e) {
        throw new UserError(`cannot read: ${(e as Error).message}`, flags.ca);
      }
    }
    const out: PingJson = { authenticated: false, rttMs: null, version: null, hostports: [], localHostports: [] };
    try {
      const r: PingResult = await authenticate({ ...target, ...(ca && { ca }), timeoutMs: flags.timeout });
      Object.assign(out, { authenticated: r.authenticated, rttMs: r.rttMs, version: r.version, hostports: r.hostports, localHostports: r.localHostports });
      if (!r.authenticated) out.error = `${target.host}:${target.port} refused the secret: ${r.refusal}`;
      else if (metricsAt) out.prometheus = await scrapeMetrics(metricsAt.host, metricsAt.port, flags.timeout);
    } catch (e) {
      if (!(e instanceof PingError)) throw e;
      out.error = e.message;
    }
    process.exitCode = out.authenticated && !out.error ? EXIT.OK : EXIT.FINDINGS;
    if (!this.jsonEnabled()) {
      if (out.error) writeStderr(`drachtioctl: ${out.error}\n`);
      if (out.authenticated) writeStdout(formatPing(out, target));
    }
    return out;
  }
}
