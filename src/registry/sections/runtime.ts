import type { Setting } from '../types.js';
import { CLI, CTOR, ENV, LOGGING, RUN } from '../sources.js';

const runtimeSetting = (
  name: string,
  summary: string,
  behaviour: string,
  rest: Pick<Setting, 'type' | 'cli' | 'env'> & Partial<Setting>,
): Setting => ({ id: `runtime.${name}`, precedence: 'no-file', summary, behaviour, xml: null, source: [CLI, ENV, RUN], ...rest });

const flag = (long: string) => [{ long, takesArg: false, reader: 'flag' as const }];
const BOOL = { kind: 'bool' } as const;

/** Settings with no XML form: command line and/or environment only. */
export const runtime: readonly Setting[] = [
  runtimeSetting('config-file', 'Path of the XML configuration file.', 'The file is always read and must contain <admin>, even with --noconfig.', {
    since: '0.2.0',
    envSince: 'v0.8.1',
    type: { kind: 'string' },
    default: '/etc/drachtio.conf.xml',
    cli: [{ long: 'file', short: 'f', takesArg: true, reader: 'string' }],
    env: { name: 'DRACHTIO_CONFIG_FILE_PATH', reader: 'string' },
    source: [CLI, ENV, CTOR],
  }),
  runtimeSetting('daemon', 'Fork into the background.', 'The parent prints the child pid and exits; the child changes directory to /tmp.', {
    since: '0.2.0',
    type: BOOL,
    default: false,
    cli: flag('daemon'),
    env: null,
    source: [CLI, 'src/controller.cpp DrachtioController::daemonize'],
  }),
  runtimeSetting('user', 'User to switch to after daemonising.', 'Used only together with --daemon.', {
    since: '0.2.0',
    type: { kind: 'string' },
    cli: [{ long: 'user', short: 'u', takesArg: true, reader: 'string' }],
    env: null,
    source: [CLI, 'src/controller.cpp DrachtioController::daemonize'],
  }),
  runtimeSetting('noconfig', 'Log to the console only.', 'Turns on console logging and skips file and syslog logging; the file is still read and still needs <admin>.', {
    since: '0.5.0',
    type: BOOL,
    default: false,
    cli: flag('noconfig'),
    env: null,
    source: [CLI, LOGGING],
  }),
  runtimeSetting('memory-debug', 'Verbose memory allocation debugging.', 'Not for production.', {
    since: 'v0.8.2',
    type: BOOL,
    default: false,
    cli: flag('memory-debug'),
    env: { name: 'DRACHTIO_MEMORY_DEBUG', reader: 'atoi-one' },
  }),
  runtimeSetting('disable-nat-detection', 'Turn off detection of peers behind NAT.', 'Command line only.', {
    since: 'v0.8.9',
    type: BOOL,
    default: false,
    cli: flag('disable-nat-detection'),
    env: null,
  }),
  runtimeSetting('always-send-180', 'Always send 180 Ringing for incoming INVITEs.', 'Command line only.', {
    since: 'v0.8.18',
    type: BOOL,
    default: false,
    cli: flag('always-send-180'),
    env: null,
  }),
  runtimeSetting('globally-readable-logs', 'Leave log file permissions as the umask makes them.', 'Otherwise the log file is made readable and writable by owner and group only.', {
    since: 'v0.8.19',
    type: BOOL,
    default: false,
    cli: flag('globally-readable-logs'),
    env: null,
    source: [CLI, LOGGING],
  }),
  runtimeSetting('tls-cipherlist', 'OpenSSL cipher list for SIP TLS transports.', 'Applied only when TLS files are configured.', {
    type: { kind: 'string' },
    cli: [{ long: 'tls-cipherlist', takesArg: true, reader: 'string' }],
    env: { name: 'DRACHTIO_TLS_CIPHER_LIST', reader: 'string' },
    since: 'v0.8.28',
  }),
  runtimeSetting('tls-verify-client-cert', 'Require and verify client certificates on SIP TLS transports.', 'Environment only; on when exactly 1.', {
    type: BOOL,
    default: false,
    cli: [],
    env: { name: 'DRACHTIO_TLS_VERIFY_CLIENT_CERT', reader: 'atoi-one' },
    since: 'v0.8.20',
  }),
  runtimeSetting('tport-queuesize', 'Listen backlog and send queue depth of tcp/tls/ws/wss transports.', 'Environment only; used when > 0 and capped at 1000; default 64.', {
    type: { kind: 'uint', min: 1, max: 1000 },
    default: 64,
    cli: [],
    env: { name: 'DRACHTIO_TPORT_QUEUESIZE', reader: 'atoi-positive', check: 'clamp' },
    since: 'v0.9.8',
  }),
  runtimeSetting(
    'tport-max-consecutive-timeouts',
    'Close a connection-oriented transport after this many consecutive request timeouts.',
    'Environment only; 0 (default) disables it; values are raised to at least 2 and capped at 1000.',
    {
        since: 'v0.9.10',
      type: { kind: 'uint', min: 2, max: 1000 },
      default: 0,
      cli: [],
      env: { name: 'DRACHTIO_TPORT_MAX_CONSECUTIVE_TIMEOUTS', reader: 'atoi-positive', check: 'clamp' },
    },
  ),
  runtimeSetting('local-domain', 'Domain treated as this server: request URIs for it or its subdomains are local.', 'Environment only; lower-cased.', {
    type: { kind: 'string' },
    cli: [],
    env: { name: 'DRACHTIO_LOCAL_DOMAIN', reader: 'string' },
    since: 'v0.9.6',
    source: ['src/drachtio.cpp isLocalSipUri'],
  }),
  runtimeSetting(
    'support-best-effort-tls',
    'Answer a sip: Contact received over a sips transport with a sip: Contact.',
    'Environment only; on when exactly 1.',
    {
      type: BOOL,
      default: false,
      cli: [],
      env: { name: 'DRACHTIO_SUPPORT_BEST_EFFORT_TLS', reader: 'atoi-one' },
      since: 'v0.8.25',
      source: ['src/sip-dialog-controller.cpp SipDialogController::doRespondToSipRequest'],
    },
  ),
  runtimeSetting('preserve-header-names', 'Header names whose spelling is kept as received.', 'Environment only; a comma-separated list, each name trimmed.', {
    type: { kind: 'name-list' },
    cli: [],
    env: { name: 'DRACHTIO_PRESERVE_HEADER_NAMES', reader: 'string' },
    since: 'v0.9.3',
  }),
];
