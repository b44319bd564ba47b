import { isIP } from 'node:net';
import { isTlsContact } from '../model/contacts.js';
import type { ParsedConfig } from '../model/parse.js';
import { redactSecrets } from '../model/secrets.js';
import { runRules } from '../validate/engine.js';
import { RULES } from '../validate/rules/index.js';
import type { Fatal } from '../sources/layer.js';
import type { Context } from './index.js';
import { toStartupError, type Startup } from './types.js';

/** Rules whose error findings make the XML reader reject the file, so the constructor exits 255 (src/controller.cpp DrachtioController::DrachtioController). */
const FILE_REJECTED = RULES.filter((r) => r.meta.rejectsFile);

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
    const rejected = firstRejection({ config: file.config, xml: file.xml });
    if (rejected) return rejected;
  }
  return runFatal(ctx);
}

/** The first finding that makes the server's XML reader refuse the file. */
function firstRejection(parsed: ParsedConfig): Fatal | undefined {
  const found: Fatal[] = [];
  runRules(parsed, { rules: FILE_REJECTED }, (rule, r) => {
    if ((r.severity ?? rule.meta.severity) === 'error' && (r.rejectsFile ?? true)) {
      found.push({ exitCode: 255, message: `${redactSecrets(parsed.config, r.message)} [${rule.meta.id}]`, origin: `${parsed.config.source}:${r.pos.line}:${r.pos.column}` });
    }
  });
  return found[0];
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
