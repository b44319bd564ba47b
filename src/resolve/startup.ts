import { isIP } from 'node:net';
import { isTlsContact } from '../model/contacts.js';
import { settingOrField } from '../registry/index.js';
import { checkParsed } from '../validate/engine.js';
import type { Fatal } from '../sources/layer.js';
import type { Context } from './index.js';
import { toStartupError, type Startup } from './types.js';

/** Rules whose error findings make the XML reader reject the file, so the constructor exits 255 (src/controller.cpp DrachtioController::DrachtioController). */
const FILE_REJECTED = new Set(['xml-not-well-formed', 'root-element', 'xml-fragment', 'admin-missing', 'invalid-sip-uri', 'invalid-external-ip', 'invalid-local-net', 'invalid-number']);

/** Whether, and how, the server stops: the first failure in the order the server meets them. */
export function startupOf(ctx: Context): Startup {
  const fatal = firstFatal(ctx);
  if (!fatal) return { ok: true, exitCode: 0, errors: [] };
  return { ok: false, exitCode: fatal.exitCode, ...(fatal.abort && { abort: true }), errors: [toStartupError(fatal)] };
}

function firstFatal(ctx: Context): Fatal | undefined {
  const { env, cli, file, fileError } = ctx.input;
  if (env.fatal) return env.fatal;
  if (cli.fatal && !cli.fatal.afterLoop) return cli.fatal;
  // parseCmdArgs, after its loop: a homer address (from either source) needs a non-zero id
  const homer = ctx.member('sip.capture-server.address').given;
  const homerId = ctx.member('sip.capture-server.id').given;
  if (homer && homer.value !== '' && !(homerId && homerId.value)) {
    return { exitCode: 255, message: 'a homer address without a non-zero --homer-id/DRACHTIO_HOMER_ID: the server prints its usage and exits', origin: homer.origin };
  }
  if (cli.fatal) return cli.fatal;
  if (fileError) return fileError;
  if (file?.xml) {
    const rejected = checkParsed({ config: file.config, xml: file.xml }).find((d) => d.severity === 'error' && FILE_REJECTED.has(d.rule) && rejects(d.rule, d.setting));
    if (rejected) return { exitCode: 255, message: `${rejected.message} [${rejected.rule}]`, origin: `${file.config.source}:${rejected.line}:${rejected.column}` };
  }
  return runFatal(ctx);
}

/** invalid-number rejects the file only for numbers read without a default (the prometheus port). */
function rejects(rule: string, id: string | undefined): boolean {
  if (rule !== 'invalid-number') return true;
  return !!id && settingOrField(id)?.xml?.reader === 'uint-required';
}

const str = (ctx: Context, id: string) => String(ctx.settings[id]?.value ?? '');

/** Failures inside run(): each throws a runtime_error that main() catches, so the exit status is 0. */
function runFatal(ctx: Context): Fatal | undefined {
  const tlsPort = ctx.settings['admin.tls-port'];
  const has = (id: string) => str(ctx, id) !== '';
  if (tlsPort && tlsPort.value && ((!has('sip.tls.chain-file') && !has('sip.tls.cert-file')) || !has('sip.tls.key-file') || !has('sip.tls.dh-param'))) {
    return { exitCode: 0, message: 'admin tls-port is set without a TLS key, a certificate or chain, and DH parameters: "missing tls settings"', origin: tlsPort.origin };
  }
  const address = ctx.settings['admin.address'];
  if (address && isIP(String(address.value)) === 0) {
    return { exitCode: 0, message: `admin address "${String(address.value)}" is not an IP address literal: "Uncaught exception: Invalid argument"`, origin: address.origin };
  }
  const contacts = ctx.settings['sip.contacts'];
  const hasTlsFiles = has('sip.tls.key-file') && has('sip.tls.cert-file');
  const tlsContact = (contacts?.value as { uri: string }[] | undefined)?.find((c) => isTlsContact(c.uri));
  if (tlsContact && !hasTlsFiles) {
    return { exitCode: 0, message: `contact "${tlsContact.uri}" needs a TLS key and certificate: sofia refuses the transport and the server stops`, origin: contacts!.origin };
  }
  return undefined;
}
