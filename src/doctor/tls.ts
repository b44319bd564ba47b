import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { listenersOf, tlsFilesOf, type NamedPath } from '../model/facts.js';
import { accessProblem, type ServiceUser } from './access.js';
import { about, type Check, type DoctorConfig } from './types.js';

const DAY = 86_400_000;
/** Fewer days left than this is a warning. */
export const EXPIRY_WARN_DAYS = 30;

const PEM_CERT = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;
const PEM_DH = /-----BEGIN (X9\.42 )?DH PARAMETERS-----/;

const ordinal = (n: number) => `${n}${n === 1 ? 'st' : n === 2 ? 'nd' : n === 3 ? 'rd' : 'th'}`;
const day = (d: Date) => d.toISOString().slice(0, 10);
const dn = (name: string) => name.replace(/\n/g, ', ');
const subject = (c: X509Certificate) => dn(c.subject);

/** The certificates of a PEM file, in file order. */
const certificatesIn = (text: string) => (text.match(PEM_CERT) ?? []).map((pem) => new X509Certificate(pem));

interface Loaded {
  file: NamedPath;
  full: string;
  text: string;
}

/**
 * The TLS files the server loads at start-up (src/controller.cpp DrachtioController::run; the admin
 * port through src/client-controller.cpp ClientController): readable, parseable, the key the
 * certificate's, dates, chain order, and DH parameters for admin TLS.
 */
export function tlsChecks(d: DoctorConfig, user?: ServiceUser, now = new Date()): Check[] {
  const listeners = listenersOf(d.config).filter((l) => l.tls);
  const files = new Map(tlsFilesOf(d.config).map((f) => [f.setting, f]));
  if (listeners.length === 0 && files.size === 0) return [];
  const out: Check[] = [];
  const check = (id: string, status: Check['status'], message: string, f?: NamedPath) => out.push({ id, status, message, ...(f && about(d, f.setting, f.pos)) });

  const load = (setting: string): Loaded | undefined => {
    const file = files.get(setting);
    if (!file) return undefined;
    const full = resolve(d.baseDir, file.path);
    const problem = accessProblem(full, 'read', user);
    if (problem) return void check('tls.file', 'fail', `${full}: ${problem}`, file);
    try {
      return { file, full, text: readFileSync(full, 'utf8') };
    } catch (e) {
      return void check('tls.file', 'fail', `${full}: ${(e as Error).message}`, file);
    }
  };
  const key = load('sip.tls.key-file');
  const certFile = load('sip.tls.cert-file');
  const chainFile = load('sip.tls.chain-file');

  if (listeners.length > 0 && (!files.has('sip.tls.key-file') || (!files.has('sip.tls.cert-file') && !files.has('sip.tls.chain-file')))) {
    check('tls.files', 'fail', `${listeners[0]!.label} needs a TLS key (sip.tls.key-file) and a certificate (sip.tls.cert-file or sip.tls.chain-file)`);
  }

  let privateKey: KeyObject | undefined;
  if (key) {
    try {
      privateKey = createPrivateKey(key.text);
      check('tls.key', 'ok', `${key.full}: ${privateKey.asymmetricKeyType?.toUpperCase()} private key`, key.file);
    } catch (e) {
      check('tls.key', 'fail', `${key.full}: not a private key the server can load without a passphrase (${(e as Error).message})`, key.file);
    }
  }

  // the certificate is the cert file's first, else the chain file's first (ClientController loads the chain file as the certificate then)
  const leafSource = files.has('sip.tls.cert-file') ? certFile : chainFile;
  let leaf: X509Certificate | undefined;
  let chain: X509Certificate[] = [];
  for (const src of [certFile, chainFile]) {
    if (!src) continue;
    let certs: X509Certificate[];
    try {
      certs = certificatesIn(src.text);
    } catch (e) {
      check('tls.cert', 'fail', `${src.full}: a certificate in it cannot be read (${(e as Error).message})`, src.file);
      continue;
    }
    if (certs.length === 0) {
      check('tls.cert', 'fail', `${src.full}: no PEM certificate in it`, src.file);
      continue;
    }
    if (src === leafSource) leaf = certs[0];
    if (src === chainFile) chain = certs;
  }
  if (leaf && leafSource) {
    check('tls.cert', 'ok', `${leafSource.full}: ${subject(leaf)}, issued by ${dn(leaf.issuer)}`, leafSource.file);
    if (privateKey) {
      const matches = leaf.checkPrivateKey(privateKey);
      check('tls.key-match', matches ? 'ok' : 'fail', matches ? 'the key is the certificate\'s' : `${key!.full} is not the key of ${leafSource.full} (${subject(leaf)})`, key!.file);
    }
    out.push(validity(d, leaf, leafSource, now));
    if (chainFile && chain.length > 0) out.push(chainCheck(d, leaf, chain, chainFile, now));
  }
  out.push(...dhChecks(d, load));
  return out;
}

/** Expired, not yet valid, or the days left. */
function validity(d: DoctorConfig, cert: X509Certificate, src: Loaded, now: Date): Check {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const days = Math.floor((to.getTime() - now.getTime()) / DAY);
  const where = about(d, src.file.setting, src.file.pos);
  if (now < from) return { id: 'tls.expiry', status: 'fail', message: `${src.full}: not valid before ${day(from)}`, ...where };
  if (now > to) return { id: 'tls.expiry', status: 'fail', message: `${src.full}: expired on ${day(to)} (${-days} days ago)`, ...where };
  const status = days < EXPIRY_WARN_DAYS ? 'warn' : 'ok';
  return { id: 'tls.expiry', status, message: `${src.full}: valid until ${day(to)} (${days} days left)`, ...where };
}

/** The chain file must start with the certificate (or its issuer) and each certificate must be issued by the next. */
function chainCheck(d: DoctorConfig, leaf: X509Certificate, chain: X509Certificate[], src: Loaded, now: Date): Check {
  const where = about(d, src.file.setting, src.file.pos);
  const fail = (message: string): Check => ({ id: 'tls.chain', status: 'fail', message: `${src.full}: ${message}`, ...where });
  const at = chain.findIndex((c) => c.fingerprint256 === leaf.fingerprint256);
  if (at > 0) return fail(`out of order: the certificate ${subject(leaf)} comes ${ordinal(at + 1)}, not first`);
  const rest = at === 0 ? chain.slice(1) : chain;
  const order = [leaf, ...rest];
  for (let i = 0; i + 1 < order.length; i++) {
    const [a, b] = [order[i]!, order[i + 1]!];
    if (!a.checkIssued(b) || !a.verify(b.publicKey)) return fail(`out of order: ${subject(a)} is not issued by the next certificate, ${subject(b)}`);
  }
  const expired = rest.find((c) => now > new Date(c.validTo) || now < new Date(c.validFrom));
  if (expired) return fail(`${subject(expired)} is outside its validity (${day(new Date(expired.validFrom))} to ${day(new Date(expired.validTo))})`);
  return { id: 'tls.chain', status: 'ok', message: `${src.full}: ${rest.length} certificate(s) after the certificate, each issued by the next`, ...where };
}

/** Admin TLS needs DH parameters: without them the server throws "missing tls settings" (DrachtioController::run). */
function dhChecks(d: DoctorConfig, load: (setting: string) => Loaded | undefined): Check[] {
  const adminTls = listenersOf(d.config).find((l) => l.setting === 'admin.tls-port');
  if (!adminTls) return [];
  const dh = tlsFilesOf(d.config).find((f) => f.setting === 'sip.tls.dh-param');
  if (!dh) return [{ id: 'tls.dh', status: 'fail', message: 'the admin tls-port needs DH parameters (sip.tls.dh-param): without them the server stops with "missing tls settings"', ...about(d, 'admin.tls-port', adminTls.pos) }];
  const loaded = load('sip.tls.dh-param');
  if (!loaded) return [];
  const ok = PEM_DH.test(loaded.text);
  return [{ id: 'tls.dh', status: ok ? 'ok' : 'fail', message: `${loaded.full}: ${ok ? 'PEM DH parameters' : 'no PEM DH parameters in it'}`, ...about(d, dh.setting, dh.pos) }];
}
