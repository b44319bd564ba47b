import type { Rule } from '../types.js';
import { adminAddressInvalid, adminMissing, adminTlsIncomplete, xmlFragment } from './startup.js';
import { invalidExternalIp, invalidLocalNet, invalidNumber, invalidSipUri, invalidValue, negativeNumber, outOfRange } from './values.js';
import { rootElement, xmlLenient, xmlNotWellFormed } from './xml.js';
import { externalIpUnusable, localNetDerived } from './nat.js';
import { portClash } from './ports.js';
import { adminExposed, minTlsVersionLow, plainHttpHandler, prometheusExposed, secretLogged, tlsContactWithoutCert, tlsFileMissing, weakAdminSecret } from './security.js';
import { blacklistIncomplete, captureServerIncomplete, prometheusNoPort, syslogNoFacility } from './services.js';
import { duplicateRequestHandler, emptyHandlerUrl, legacyContact, spammerHeaderIgnored, unrecognisedBoolean, untrimmedValue, wssWithoutSips } from './traps.js';
import { duplicateElement, ignoredDocsName, misplacedElement, unknownAttribute, unknownElement } from './unknown.js';
import { noEffectSetting, notInTargetVersion, unusedSetting } from './versions.js';

/** Every rule, in the order their findings are documented. */
export const RULES: readonly Rule[] = [
  xmlNotWellFormed,
  xmlLenient,
  rootElement,
  xmlFragment,
  adminMissing,
  adminAddressInvalid,
  adminTlsIncomplete,
  invalidSipUri,
  invalidExternalIp,
  externalIpUnusable,
  invalidLocalNet,
  invalidNumber,
  negativeNumber,
  outOfRange,
  invalidValue,
  ignoredDocsName,
  misplacedElement,
  unknownElement,
  unknownAttribute,
  duplicateElement,
  unusedSetting,
  noEffectSetting,
  notInTargetVersion,
  legacyContact,
  duplicateRequestHandler,
  emptyHandlerUrl,
  spammerHeaderIgnored,
  unrecognisedBoolean,
  untrimmedValue,
  wssWithoutSips,
  localNetDerived,
  captureServerIncomplete,
  blacklistIncomplete,
  prometheusNoPort,
  syslogNoFacility,
  weakAdminSecret,
  secretLogged,
  adminExposed,
  prometheusExposed,
  minTlsVersionLow,
  tlsContactWithoutCert,
  plainHttpHandler,
  tlsFileMissing,
  portClash,
];

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

export function rule(id: string): Rule | undefined {
  return byId.get(id);
}
