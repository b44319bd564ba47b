import type { Rule } from '../types.js';
import { adminAddressInvalid, adminMissing, adminTlsIncomplete, xmlFragment } from './startup.js';
import { invalidExternalIp, invalidLocalNet, invalidNumber, invalidSipUri, invalidValue, negativeNumber, outOfRange } from './values.js';
import { rootElement, xmlLenient, xmlNotWellFormed } from './xml.js';

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
  invalidLocalNet,
  invalidNumber,
  negativeNumber,
  outOfRange,
  invalidValue,
];

const byId = new Map(RULES.map((r) => [r.meta.id, r]));

export function rule(id: string): Rule | undefined {
  return byId.get(id);
}
