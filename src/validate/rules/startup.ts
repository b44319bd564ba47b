import { serverUint } from '../../model/coerce.js';
import { isTemplated } from '../../schema/patterns.js';
import { quote } from '../quote.js';
import type { Rule } from '../types.js';
import { isIP } from '../../model/ip.js';

/** The ways a whole drachtio document makes the real server refuse to start. */

export const xmlFragment: Rule = {
  meta: {
    id: 'xml-fragment',
    rejectsFile: true,
    severity: 'error',
    summary: 'The file holds one section of a configuration (e.g. <sip>), not a whole <drachtio> document.',
    why: 'The server reads only a <drachtio> document: from any other root it finds no <drachtio><admin> and exits with status 255 (src/drachtio-config.cpp DrachtioConfig::Impl::Impl), so a CI gate must not pass the file. To check a snippet on purpose, pass --fragment SECTION (e.g. --fragment sip); blocks in Markdown files are always checked as sections.',
    bad: '<sip><contacts><contact>sip:*:5060</contact></contacts></sip>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><contacts><contact>sip:*:5060</contact></contacts></sip></drachtio>',
  },
  check({ config, options, report }) {
    if (!config.fragment || !config.root) return;
    if (options.fragment === config.fragment) return;
    const section = `the <${config.root.name}> section (${config.fragment.replace(/\//g, ' > ')})`;
    const asked = options.fragment ? `, not the ${options.fragment.replace(/\//g, ' > ')} section --fragment names` : '';
    report({
      message: `the file holds ${section}${asked}: drachtio-server cannot start from it (no <drachtio><admin>, exit 255); pass --fragment ${config.fragment.split('/').pop()!} to check it as that section`,
      pos: config.root.pos,
    });
  },
};

export const adminMissing: Rule = {
  meta: {
    id: 'admin-missing',
    rejectsFile: true,
    severity: 'error',
    summary: 'There is no <admin> element.',
    why: 'The server prints "XML tag <admin> not found" and exits with status 255 — even with --noconfig, and even when --address/--port are given.',
    bad: '<drachtio><sip/></drachtio>',
    good: '<drachtio><admin port="9022" secret="s3cr3t-long-enough">127.0.0.1</admin></drachtio>',
  },
  check({ config, report }) {
    if (config.root?.name === 'drachtio' && !config.elements.has('admin')) {
      report({
        message: 'no <admin> element: drachtio-server exits at once with "XML tag <admin> not found" (exit 255)',
        pos: config.root.pos,
        setting: 'admin.address',
      });
    }
  },
};

export const adminAddressInvalid: Rule = {
  meta: {
    id: 'admin-address-invalid',
    effective: true,
    stopsServer: true,
    severity: 'error',
    summary: 'The <admin> text is not an IP address literal.',
    why: 'The admin socket is opened with an IP-literal parser: an empty address, a hostname such as "localhost" or surrounding whitespace make the server stop with "Uncaught exception: Invalid argument" — and exit status 0, so a supervisor that restarts only on failure will not notice.',
    bad: '<drachtio><admin port="9022">localhost</admin></drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin></drachtio>',
  },
  check({ config, report }) {
    const v = config.values.get('admin.address');
    if (!v || isTemplated(v.raw) || isIP(v.raw) !== 0) return;
    const tail = 'drachtio-server stops with "Uncaught exception: Invalid argument" (exit status 0)';
    const message =
      v.raw.trim() === ''
        ? `the admin address is empty: ${tail}; write an IP address such as 127.0.0.1 or 0.0.0.0`
        : isIP(v.raw.trim()) !== 0
          ? `the admin address ${quote(v.raw.trim())} has whitespace around it, which the server does not trim: ${tail}`
          : `the admin address ${quote(v.raw)} is not an IP address literal (hostnames are not resolved): ${tail}`;
    report({ message, pos: v.pos, setting: 'admin.address' });
  },
};

export const adminTlsIncomplete: Rule = {
  meta: {
    id: 'admin-tls-incomplete',
    effective: true,
    stopsServer: true,
    severity: 'error',
    summary: 'admin tls-port is set without a TLS key, a certificate or chain, and DH parameters.',
    why: 'The server throws "missing tls settings" and stops with exit status 0.',
    bad: '<drachtio><admin tls-port="9023">127.0.0.1</admin></drachtio>',
    good:
      '<drachtio><admin tls-port="9023">127.0.0.1</admin><sip><tls><key-file>/etc/drachtio/key.pem</key-file><cert-file>/etc/drachtio/cert.pem</cert-file><dh-param>/etc/drachtio/dh.pem</dh-param></tls></sip></drachtio>',
  },
  check({ config, report }) {
    const tlsPort = config.values.get('admin.tls-port');
    // a snippet of <admin> alone says nothing about <sip><tls>
    if (config.fragment) return;
    if (!tlsPort || isTemplated(tlsPort.raw) || !serverUint(tlsPort.raw)) return;
    const has = (id: string) => (config.values.get(id)?.raw ?? '') !== '';
    const missing = [
      !has('sip.tls.key-file') && '<key-file>',
      !has('sip.tls.cert-file') && !has('sip.tls.chain-file') && '<cert-file> or <chain-file>',
      !has('sip.tls.dh-param') && '<dh-param>',
    ].filter(Boolean);
    if (missing.length === 0) return;
    report({
      message: `admin tls-port is set but <sip><tls> has no ${missing.join(', ')}: drachtio-server stops with "missing tls settings" (exit status 0) unless they come from flags or environment`,
      pos: tlsPort.pos,
      setting: 'admin.tls-port',
    });
  },
};
