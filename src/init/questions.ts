import { randomBytes } from 'node:crypto';
import { privateBlockOf } from '../model/contacts.js';
import { setting, settingOrField } from '../registry/index.js';
import { CIDR } from '../schema/patterns.js';
import { LOG_TARGETS, SHAPES, TRANSPORTS, isLoopback, needsTls, type InitAnswers, type PartialAnswers } from './answers.js';
import { contactUri, portClash } from './build.js';
import {
  CONTACT_PORT,
  absolutePathProblem,
  hostProblem,
  httpsUrlProblem,
  ipProblem,
  numberProblem,
  rangeProblem,
  secretProblem,
  settingProblem,
} from './checks.js';

/**
 * Every question init asks, in order. Each one is answered by a flag, a prompt or a default,
 * always as text, and always through the same check, so prompts and flags accept exactly the same.
 */
export interface Question {
  key: keyof InitAnswers;
  flag: string;
  /** the value's form in messages, e.g. <ip> */
  hint: string;
  message: string;
  kind: 'select' | 'checkbox' | 'confirm' | 'input';
  choices?: readonly { value: string; name?: string }[];
  /** asked only when this holds for the answers so far */
  when?: (a: PartialAnswers) => boolean;
  /** a question without a default must be answered */
  default?: (a: PartialAnswers) => string | undefined;
  /** may be left empty */
  optional?: boolean;
  /** never prompted for: taken from the flag or the default */
  noPrompt?: boolean;
  /** the registry setting the answer is written to, where that decides how it is shown (secrets) */
  setting?: string;
  check?: (text: string, a: PartialAnswers) => string | undefined;
  parse: (text: string) => InitAnswers[keyof InitAnswers];
}

const str = (t: string) => t;
const num = (t: string) => Number(t);
const bool = (t: string) => t === 'true';
const words = (values: readonly string[]) => values.map((value) => ({ value }));
const fixed = (v: string) => () => v;

/** A TCP/UDP port that must not clash with the listeners chosen before it. */
const portCheck =
  (key: keyof InitAnswers, range: { min?: number; max?: number }, zeroOff = false) =>
  (text: string, a: PartialAnswers) =>
    zeroOff && text === '0' ? undefined : (rangeProblem(text, range) ?? portClash({ ...a, [key]: Number(text) }));

const settingPort = (key: keyof InitAnswers, id: string) => portCheck(key, setting(id).type);

function localNetProblem(text: string): string | undefined {
  const [net, bits, extra] = text.split('/');
  if (extra !== undefined || !new RegExp(CIDR).test(text) || ipProblem(net!, '', 4) || rangeProblem(bits!, { min: 0, max: 32 })) {
    return `${JSON.stringify(text)} is not an IPv4 network such as 10.0.0.0/8`;
  }
  return settingProblem('sip.contacts.local-net', text);
}

/** The first port from `from` up that no listener chosen so far uses, so a default never clashes. */
function freePort(a: PartialAnswers, key: keyof InitAnswers, from: number): string {
  let port = from;
  while (portClash({ ...a, [key]: port })) port++;
  return String(port);
}

const hasTransport = (...ts: string[]) => (a: PartialAnswers) => (a.transports ?? []).some((t) => ts.includes(t));
const adminNeedsTls = (a: PartialAnswers) => !isLoopback(a.adminAddress) || a.adminPort === 0;

export const QUESTIONS: readonly Question[] = [
  {
    key: 'shape',
    flag: 'shape',
    hint: SHAPES.join('|'),
    message: 'How do your applications work with drachtio?',
    kind: 'select',
    choices: [
      { value: 'inbound', name: 'inbound: applications connect to drachtio and receive its requests' },
      { value: 'outbound', name: 'outbound: drachtio asks an HTTP handler, then connects to the application' },
      { value: 'proxy', name: 'proxy: a SIP proxy or registrar application' },
    ],
    default: fixed('inbound'),
    parse: str,
  },
  {
    key: 'requestHandler',
    flag: 'request-handler',
    hint: 'https-url',
    message: 'HTTPS URL drachtio asks where to route each new request',
    kind: 'input',
    when: (a) => a.shape === 'outbound',
    check: httpsUrlProblem,
    parse: str,
  },
  {
    key: 'requestHandlerMethod',
    flag: 'request-handler-method',
    hint: 'GET|POST',
    message: 'HTTP method for the request handler',
    kind: 'select',
    choices: words(settingOrField('request-handlers.http-method')!.type.values!),
    when: (a) => a.shape === 'outbound',
    default: fixed('GET'),
    parse: str,
  },
  {
    key: 'rejectRegisterWithNoRealm',
    flag: 'reject-register-with-no-realm',
    hint: 'true|false',
    message: 'Reject REGISTER requests addressed to an IP instead of a domain (a common scanner pattern)?',
    kind: 'confirm',
    when: (a) => a.shape === 'proxy',
    default: fixed('true'),
    parse: bool,
  },
  {
    key: 'sipAddress',
    flag: 'sip-address',
    hint: 'ip|*',
    message: 'SIP listen address (an IP address of this host, or * for all)',
    kind: 'input',
    default: fixed('*'),
    check: (t) => (t === '*' ? undefined : ipProblem(t, 'SIP listen address')) ?? settingProblem('sip.contacts.uri', contactUri(t, 'udp', 5060)),
    parse: str,
  },
  {
    key: 'transports',
    flag: 'transports',
    hint: TRANSPORTS.join(','),
    message: 'SIP transports',
    kind: 'checkbox',
    choices: [
      { value: 'udp' },
      { value: 'tcp' },
      { value: 'tls', name: 'tls (needs a certificate)' },
      { value: 'ws', name: 'ws (WebSocket)' },
      { value: 'wss', name: 'wss (secure WebSocket, for WebRTC; needs a certificate)' },
    ],
    default: fixed('udp,tcp'),
    check: (t) => {
      const list = t.split(',');
      const bad = list.find((x) => !(TRANSPORTS as readonly string[]).includes(x));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not one of ${TRANSPORTS.join(', ')}`;
      return new Set(list).size !== list.length ? 'a transport is listed twice' : undefined;
    },
    parse: (t) => t.split(',') as InitAnswers['transports'],
  },
  {
    key: 'sipPort',
    flag: 'sip-port',
    hint: 'port',
    message: 'SIP port for udp and tcp',
    kind: 'input',
    when: hasTransport('udp', 'tcp'),
    default: fixed('5060'),
    check: portCheck('sipPort', CONTACT_PORT),
    parse: num,
  },
  {
    key: 'sipTlsPort',
    flag: 'sip-tls-port',
    hint: 'port',
    message: 'SIP port for tls',
    kind: 'input',
    when: hasTransport('tls'),
    default: fixed('5061'),
    check: portCheck('sipTlsPort', CONTACT_PORT),
    parse: num,
  },
  {
    key: 'wsPort',
    flag: 'ws-port',
    hint: 'port',
    message: 'SIP port for ws',
    kind: 'input',
    when: hasTransport('ws'),
    default: fixed('8080'),
    check: portCheck('wsPort', CONTACT_PORT),
    parse: num,
  },
  {
    key: 'wssPort',
    flag: 'wss-port',
    hint: 'port',
    message: 'SIP port for wss',
    kind: 'input',
    when: hasTransport('wss'),
    default: fixed('8443'),
    check: portCheck('wssPort', CONTACT_PORT),
    parse: num,
  },
  {
    key: 'behindNat',
    flag: 'behind-nat',
    hint: 'true|false',
    message: 'Is this server behind NAT (reached through a different public address)?',
    kind: 'confirm',
    default: fixed('false'),
    parse: bool,
  },
  {
    key: 'externalIp',
    flag: 'external-ip',
    hint: 'ipv4',
    message: 'Public IPv4 address to advertise in SIP messages',
    kind: 'input',
    when: (a) => a.behindNat === true,
    check: (t) => ipProblem(t, 'external-ip', 4) ?? settingProblem('sip.contacts.external-ip', t),
    parse: str,
  },
  {
    key: 'localNet',
    flag: 'local-net',
    hint: 'cidr',
    message: 'Local network whose peers see the private address, e.g. 10.0.0.0/8',
    kind: 'input',
    when: (a) => a.behindNat === true,
    // the server would derive it from the public external-ip, which gives none (SipTransport::addTransports)
    default: (a) => privateBlockOf(a.sipAddress) ?? privateBlockOf(a.externalIp),
    optional: true,
    check: localNetProblem,
    parse: str,
  },
  {
    key: 'adminAddress',
    flag: 'admin-address',
    hint: 'ip',
    message: 'Address applications connect to (127.0.0.1 keeps it on this host)',
    kind: 'input',
    default: fixed('127.0.0.1'),
    check: (t) => ipProblem(t, 'admin address') ?? settingProblem('admin.address', t),
    parse: str,
  },
  {
    key: 'adminPort',
    flag: 'admin-port',
    hint: 'port',
    message: 'Plain TCP port for applications (0 turns it off)',
    kind: 'input',
    // beyond loopback the secret must not travel in clear text: TLS only, unless asked
    default: (a) => (isLoopback(a.adminAddress) ? freePort(a, 'adminPort', 9022) : '0'),
    check: (t, a) =>
      t !== '0' && (a.adminAddress === '0.0.0.0' || a.adminAddress === '::')
        ? `plain TCP on every interface (${a.adminAddress}) sends the secret across the network unencrypted: use 0 and the TLS port`
        : settingPort('adminPort', 'admin.port')(t, a),
    parse: num,
  },
  {
    key: 'adminTlsPort',
    flag: 'admin-tls-port',
    hint: 'port',
    message: 'TLS port for applications (0 turns it off)',
    kind: 'input',
    default: (a) => (adminNeedsTls(a) ? freePort(a, 'adminTlsPort', 9023) : '0'),
    check: (t, a) => {
      if (t === '0' && !isLoopback(a.adminAddress)) return `an admin address other than loopback needs TLS: give a TLS port such as 9023`;
      if (t === '0' && a.adminPort === 0) return 'with both admin ports 0 no application could connect';
      return settingPort('adminTlsPort', 'admin.tls-port')(t, a);
    },
    parse: num,
  },
  {
    key: 'secret',
    flag: 'secret',
    hint: 'secret',
    message: 'Admin secret, at least 32 characters (by default a random one is generated)',
    kind: 'input',
    noPrompt: true,
    setting: 'admin.secret',
    default: () => randomBytes(24).toString('base64url'),
    check: secretProblem,
    parse: str,
  },
  ...(
    [
      ['tlsKey', 'tls-key', 'TLS private key file (PEM)'],
      ['tlsCert', 'tls-cert', 'TLS certificate file (PEM)'],
      ['tlsChain', 'tls-chain', 'TLS certificate chain file (PEM; empty for none)'],
      ['tlsDhParam', 'tls-dh-param', 'Diffie-Hellman parameters file (create it with: openssl dhparam -out FILE 2048)'],
    ] as const
  ).map(
    ([key, flag, message]): Question => ({
      key,
      flag,
      hint: 'path',
      message,
      kind: 'input',
      when: needsTls,
      optional: key === 'tlsChain',
      check: absolutePathProblem,
      parse: str,
    }),
  ),
  {
    key: 'homerAddress',
    flag: 'homer-address',
    hint: 'host',
    message: 'HEP capture server (Homer) to copy SIP traffic to (empty for none)',
    kind: 'input',
    optional: true,
    check: hostProblem,
    parse: str,
  },
  {
    key: 'homerPort',
    flag: 'homer-port',
    hint: 'port',
    message: 'Capture server UDP port',
    kind: 'input',
    when: (a) => !!a.homerAddress,
    default: fixed('9060'),
    check: (t) => numberProblem(t, 'sip.capture-server.port'),
    parse: num,
  },
  {
    key: 'homerId',
    flag: 'homer-id',
    hint: 'number',
    message: 'HEP agent id of this server (non-zero)',
    kind: 'input',
    when: (a) => !!a.homerAddress,
    default: fixed('1'),
    check: (t) => numberProblem(t, 'sip.capture-server.id'),
    parse: num,
  },
  {
    key: 'prometheusPort',
    flag: 'prometheus-port',
    hint: 'port',
    message: 'Prometheus metrics port (0 for none)',
    kind: 'input',
    default: fixed('0'),
    check: portCheck('prometheusPort', setting('monitoring.prometheus.port').type, true),
    parse: num,
  },
  {
    key: 'prometheusAddress',
    flag: 'prometheus-address',
    hint: 'ip',
    message: 'Address the metrics endpoint listens on (127.0.0.1 keeps it on this host)',
    kind: 'input',
    when: (a) => (a.prometheusPort ?? 0) > 0,
    default: fixed('127.0.0.1'),
    check: (t) => ipProblem(t, 'prometheus address') ?? settingProblem('monitoring.prometheus.address', t),
    parse: str,
  },
  {
    key: 'log',
    flag: 'log',
    hint: LOG_TARGETS.join('|'),
    message: 'Where should drachtio log?',
    kind: 'select',
    choices: [
      { value: 'console', name: 'console: standard output (systemd journal, containers)' },
      { value: 'file', name: 'file: a rotated log file' },
      { value: 'syslog', name: 'syslog: a syslog server over UDP' },
    ],
    default: fixed('console'),
    parse: str,
  },
  {
    key: 'logFile',
    flag: 'log-file',
    hint: 'path',
    message: 'Log file',
    kind: 'input',
    when: (a) => a.log === 'file',
    default: fixed('/var/log/drachtio/drachtio.log'),
    check: (t) => absolutePathProblem(t) ?? settingProblem('logging.file.name', t),
    parse: str,
  },
  {
    key: 'syslogAddress',
    flag: 'syslog-address',
    hint: 'host',
    message: 'Syslog server',
    kind: 'input',
    when: (a) => a.log === 'syslog',
    default: fixed('127.0.0.1'),
    check: hostProblem,
    parse: str,
  },
  {
    key: 'syslogPort',
    flag: 'syslog-port',
    hint: 'port',
    message: 'Syslog UDP port',
    kind: 'input',
    when: (a) => a.log === 'syslog',
    default: fixed('514'),
    check: (t) => numberProblem(t, 'logging.syslog.port'),
    parse: num,
  },
  {
    key: 'syslogFacility',
    flag: 'syslog-facility',
    hint: 'facility',
    message: 'Syslog facility',
    kind: 'select',
    choices: words(setting('logging.syslog.facility').type.values!),
    when: (a) => a.log === 'syslog',
    default: fixed('local7'),
    parse: str,
  },
  {
    key: 'loglevel',
    flag: 'loglevel',
    hint: 'level',
    message: 'drachtio log level',
    kind: 'select',
    // at debug the server logs every secret applications present (src/client.cpp Client::processAuthentication)
    choices: words(setting('logging.loglevel').type.values!.filter((l) => l !== 'debug')),
    default: fixed('info'),
    check: (t) => (t === 'debug' ? 'at debug drachtio-server logs the secret of every application that connects: choose info, or raise the level later while debugging' : undefined),
    parse: str,
  },
  {
    key: 'sofiaLoglevel',
    flag: 'sofia-loglevel',
    hint: '0-9',
    message: 'SIP stack (sofia) log level, 0 to 9',
    kind: 'input',
    default: fixed('3'),
    check: (t) => numberProblem(t, 'logging.sofia-loglevel'),
    parse: num,
  },
  {
    key: 'cdrs',
    flag: 'cdrs',
    hint: 'true|false',
    message: 'Send call detail records (CDRs) to connected applications?',
    kind: 'confirm',
    default: fixed('false'),
    parse: bool,
  },
];

/** The problem with an answer: its own check, and for choices membership. */
export function answerProblem(q: Question, text: string, a: PartialAnswers): string | undefined {
  if (text === '' && q.optional) return undefined;
  if (text === '') return 'an answer is needed';
  if (q.kind === 'select' && !q.choices!.some((c) => c.value === text)) return `${JSON.stringify(text)} is not one of ${q.choices!.map((c) => c.value).join(', ')}`;
  if (q.kind === 'confirm' && text !== 'true' && text !== 'false') return `${JSON.stringify(text)} is not true or false`;
  return q.check?.(text, a);
}
