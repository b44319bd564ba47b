import { serverUint } from '../../model/coerce.js';
import { MASK } from '../../model/secrets.js';
import { setting } from '../../registry/index.js';
import { isTemplated } from '../../schema/patterns.js';
import { quote } from '../quote.js';
import { tlsContactsInForce } from '../../model/contacts.js';
import { tlsFilesOf } from '../../model/facts.js';
import type { Rule } from '../types.js';

/** Settings that expose the server or weaken its TLS. */

/** Secrets from drachtio's docs, samples and common placeholders: anyone who has read them can connect. */
/** Secrets published in drachtio's docs, samples and tests, the server's default, and this project's own template placeholder. */
const WELL_KNOWN_SECRETS = ['cymru', 'foobar', 'admin', 'drachtiosecret', 'secret', 'changeme', 'password', 'replace-with-a-long-random-secret'];
const MIN_SECRET_LENGTH = 16;
const ALL_INTERFACES = new Set(['0.0.0.0', '::', '[::]']);

export const weakAdminSecret: Rule = {
  meta: {
    id: 'weak-admin-secret',
    effective: true,
    severity: 'warning',
    summary: 'The admin secret is missing, a well-known default such as "cymru", or shorter than 16 characters.',
    why: 'Anyone who can reach the admin port and knows the secret controls the server: they receive every SIP request and can place calls. Without a secret attribute the server uses "admin". The secret itself is never printed.',
    bad: '<drachtio><admin port="9022" secret="cymru">127.0.0.1</admin></drachtio>',
    good: '<drachtio><admin port="9022" secret="f3b9c1d27a8e4c55b0e6">127.0.0.1</admin></drachtio>',
  },
  check({ config, report }) {
    const admin = config.elements.get('admin');
    if (!admin) return;
    const v = config.values.get('admin.secret');
    if (!v) {
      report({
        message: `<admin> has no secret attribute: drachtio-server uses the default secret "${String(setting('admin.secret').default)}", which every application can guess`,
        pos: admin.pos,
        setting: 'admin.secret',
      });
      return;
    }
    if (isTemplated(v.raw)) return;
    const why = WELL_KNOWN_SECRETS.includes(v.raw.trim().toLowerCase())
      ? "is a well-known secret from drachtio's docs and samples or drachtioctl's template"
      : v.raw.length < MIN_SECRET_LENGTH
        ? `is shorter than ${MIN_SECRET_LENGTH} characters`
        : undefined;
    if (!why) return;
    report({
      message: `the admin secret (${MASK}) ${why}: anyone who reaches the admin port with it controls the server; use a long random secret`,
      pos: v.pos,
      setting: 'admin.secret',
    });
  },
};

export const secretLogged: Rule = {
  meta: {
    id: 'secret-logged',
    effective: true,
    severity: 'warning',
    summary: '<loglevel>debug</loglevel>: the server writes the secret every application presents to its log.',
    why: 'At debug, each authentication is logged with the secret in clear ("validating secret …", src/client.cpp Client::processAuthentication), so anyone who can read the logs — a log shipper, a shared dashboard — can take control of the server. The official Docker image\'s built-in configuration runs at debug. (At info, a rejected secret is still logged.)',
    bad: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>debug</loglevel></logging></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><logging><loglevel>info</loglevel></logging></drachtio>',
  },
  check({ config, report }) {
    const v = config.values.get('logging.loglevel');
    if (v?.raw !== 'debug') return;
    report({
      message: 'at loglevel debug drachtio-server logs the secret of every application that connects ("validating secret …"): anyone who reads the logs can control the server; use info in production',
      pos: v.pos,
      setting: 'logging.loglevel',
    });
  },
};

export const adminExposed: Rule = {
  meta: {
    id: 'admin-exposed',
    effective: true,
    severity: 'warning',
    summary: 'The admin port listens on every interface (0.0.0.0 or ::) over plain TCP.',
    why: 'The admin connection carries the secret and full control of SIP traffic unencrypted; on all interfaces it is reachable from any network the host is on. Bind it to loopback or a private address, or use tls-port with port="0".',
    bad: '<drachtio><admin port="9022">0.0.0.0</admin></drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin></drachtio>',
  },
  check({ config, report }) {
    const address = config.values.get('admin.address');
    if (!address || !ALL_INTERFACES.has(address.raw)) return;
    const portRaw = config.values.get('admin.port')?.raw;
    const port = (portRaw !== undefined ? serverUint(portRaw) : undefined) ?? 9022;
    if (port === 0) return;
    report({
      message: `the admin port ${port} listens on every interface (${address.raw}) over plain TCP: the secret and control of all SIP traffic cross the network unencrypted; bind a loopback or private address, or use tls-port with port="0"`,
      pos: address.pos,
      setting: 'admin.address',
    });
  },
};

export const prometheusExposed: Rule = {
  meta: {
    id: 'prometheus-exposed',
    effective: true,
    severity: 'warning',
    summary: 'The Prometheus endpoint listens on every interface (0.0.0.0, ::, or an empty address).',
    why: 'Metrics reveal call volumes, peers and versions to anyone who can reach the port. An empty <prometheus></prometheus> does not mean "default": it binds every interface.',
    bad: '<drachtio><admin>127.0.0.1</admin><monitoring><prometheus port="9090">0.0.0.0</prometheus></monitoring></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><monitoring><prometheus port="9090">127.0.0.1</prometheus></monitoring></drachtio>',
  },
  check({ config, report }) {
    const address = config.values.get('monitoring.prometheus.address');
    if (!address || !config.values.has('monitoring.prometheus.port')) return;
    const raw = address.raw.trim();
    if (raw !== '' && !ALL_INTERFACES.has(raw)) return;
    const how = raw === '' ? 'the empty address binds every interface' : `${raw} is every interface`;
    report({
      message: `the Prometheus endpoint is reachable from every network (${how}): bind it to loopback or a private address`,
      pos: address.pos,
      setting: 'monitoring.prometheus.address',
    });
  },
};

export const minTlsVersionLow: Rule = {
  meta: {
    id: 'min-tls-version-low',
    effective: true,
    severity: 'warning',
    summary: 'SIP TLS accepts versions below TLS 1.2: min-tls-version is below 1.2, or absent while TLS contacts exist.',
    why: 'TLS 1.0 and 1.1 are deprecated (RFC 8996). Without min-tls-version, or with 1.0 (which the server ignores in the file), SIP TLS accepts 1.0, 1.1 and 1.2. It applies to SIP TLS only, not admin TLS.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><tls><min-tls-version>1.1</min-tls-version></tls></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><tls><min-tls-version>1.2</min-tls-version></tls></sip></drachtio>',
  },
  check({ config, report }) {
    const v = config.values.get('sip.tls.min-tls-version');
    if (!v) {
      const tls = tlsContactsInForce(config)[0]?.uri;
      if (tls && !isTemplated(tls.raw)) {
        report({
          message: 'SIP TLS accepts TLS 1.0 and 1.1 because <sip><tls> has no <min-tls-version>: add <min-tls-version>1.2</min-tls-version>',
          pos: tls.pos,
          setting: 'sip.tls.min-tls-version',
        });
      }
      return;
    }
    const n = Number(v.raw.trim());
    if (isTemplated(v.raw) || Number.isNaN(n) || n < 1 || n >= 1.2) return;
    const outcome = n <= 1.0 ? 'the server ignores 1.0 in the file, so SIP TLS accepts TLS 1.0, 1.1 and 1.2' : 'SIP TLS accepts TLS 1.1 and 1.2';
    report({ message: `min-tls-version ${v.raw.trim()}: ${outcome}; use 1.2`, pos: v.pos, setting: 'sip.tls.min-tls-version' });
  },
};

export const tlsContactWithoutCert: Rule = {
  meta: {
    id: 'tls-contact-without-cert',
    effective: true,
    stopsServer: true,
    severity: 'error',
    summary: 'A sips/tls contact (e.g. sips:…;transport=wss), but <sip><tls> has no key-file and cert-file.',
    why: 'The server hands a key and certificate to a TLS transport only when both are configured (src/controller.cpp DrachtioController::run); without them sofia refuses the transport and the server stops at once, with exit status 0 and a misleading "Address already in use" — like admin tls-port without TLS files. They may instead come from --key-file/--cert-file or DRACHTIO_TLS_KEY_FILE/DRACHTIO_TLS_CERT_FILE.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>sips:10.0.0.1:5061;transport=tls</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>sips:10.0.0.1:5061;transport=tls</contact></contacts><tls><key-file>/etc/drachtio/key.pem</key-file><cert-file>/etc/drachtio/cert.pem</cert-file></tls></sip></drachtio>',
  },
  check({ config, report }) {
    if (config.fragment === 'sip/contacts') return;
    const has = (id: string) => (config.values.get(id)?.raw.trim() ?? '') !== '';
    if (has('sip.tls.key-file') && has('sip.tls.cert-file')) return;
    const contacts = tlsContactsInForce(config);
    for (let i = 0; i < contacts.length; i++) {
      const uri = contacts[i]!.uri;
      if (isTemplated(uri.raw)) continue;
      report({
        message: `${quote(uri.raw)} is a TLS transport, but <sip><tls> has no ${has('sip.tls.key-file') ? '<cert-file>' : has('sip.tls.cert-file') ? '<key-file>' : '<key-file> and <cert-file>'}: sofia refuses the transport and drachtio-server stops (exit status 0, after a misleading "Address already in use") unless --key-file/--cert-file or DRACHTIO_TLS_KEY_FILE/DRACHTIO_TLS_CERT_FILE supply them`,
        pos: uri.pos,
        setting: 'sip.tls.key-file',
      });
    }
  },
};

export const plainHttpHandler: Rule = {
  meta: {
    id: 'plain-http-handler',
    effective: true,
    severity: 'warning',
    summary: 'A request handler called over plain http://.',
    why: 'Every new SIP request — caller, callee and headers — is sent to the handler unencrypted, and its routing answer can be forged on the way back. Use https:// (the server always verifies the certificate). Handlers on loopback are not reported.',
    bad: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE">http://routing.example.com/invite</request-handler></request-handlers></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE">https://routing.example.com/invite</request-handler></request-handlers></drachtio>',
  },
  check({ config, report }) {
    const items = config.lists.get('request-handlers');
    if (!items) return;
    for (const item of items) {
      const url = item.fields.url;
      if (!url || !/^http:\/\//i.test(url.raw.trim())) continue;
      const host = /^http:\/\/([^/:]+)/i.exec(url.raw.trim())?.[1] ?? '';
      if (host === 'localhost' || host.startsWith('127.')) continue;
      report({
        message: `${quote(url.raw.trim())} is plain HTTP: each new SIP request's details go to the handler unencrypted and its routing answer can be tampered with; use https://`,
        pos: url.pos,
        setting: 'request-handlers.url',
      });
    }
  },
};

export const tlsFileMissing: Rule = {
  meta: {
    id: 'tls-file-missing',
    effective: true,
    severity: 'error',
    summary: 'With --check-files: a TLS key, certificate, chain or DH file that does not exist or cannot be read.',
    why: 'The server opens these files when a TLS transport or admin TLS starts; a missing file stops admin TLS with an uncaught exception (exit 0) and leaves SIP TLS without a certificate. Relative paths are taken relative to the config file\'s directory.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><tls><key-file>/etc/drachtio/no-such-key.pem</key-file></tls></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><tls><min-tls-version>1.2</min-tls-version></tls></sip></drachtio>',
    options: { checkFiles: true },
  },
  check({ config, options, report }) {
    if (!options.fileProblem) return;
    for (const f of tlsFilesOf(config)) {
      // whitespace around the path is untrimmed-value's finding
      if (f.raw !== f.path) continue;
      const problem = options.fileProblem(f.path);
      if (problem) report({ message: `${quote(f.path)}: ${problem}; drachtio-server cannot load it`, pos: f.pos, setting: f.setting });
    }
  },
};
