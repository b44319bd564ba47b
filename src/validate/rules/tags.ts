/**
 * What each rule is about, for reports that classify rules (SARIF `properties`: GitHub code scanning
 * filters by tag and ranks security alerts by `security-severity`, a CVSS-like 0.0–10.0).
 */
export interface RuleTags {
  tags: readonly string[];
  /** how rarely the rule is wrong: the parser's own checks are exact, lints judge */
  precision: 'very-high' | 'high';
  /** security rules only */
  securitySeverity?: number;
}

const startup: RuleTags = { tags: ['correctness', 'startup'], precision: 'very-high' };
const values: RuleTags = { tags: ['correctness', 'values'], precision: 'very-high' };
const ignored: RuleTags = { tags: ['maintainability', 'ignored-setting'], precision: 'very-high' };
const traps: RuleTags = { tags: ['correctness', 'trap'], precision: 'high' };
const services: RuleTags = { tags: ['reliability', 'services'], precision: 'high' };
const security = (securitySeverity: number): RuleTags => ({ tags: ['security'], precision: 'high', securitySeverity });

const BY_RULE: Record<string, RuleTags> = {
  'xml-not-well-formed': startup,
  'xml-lenient': startup,
  'root-element': startup,
  'xml-fragment': startup,
  'admin-missing': startup,
  'admin-address-invalid': startup,
  'admin-tls-incomplete': startup,
  'invalid-sip-uri': values,
  'invalid-external-ip': values,
  'invalid-local-net': values,
  'invalid-number': values,
  'negative-number': values,
  'out-of-range': values,
  'invalid-value': values,
  'ignored-docs-name': ignored,
  'misplaced-element': ignored,
  'unknown-element': ignored,
  'unknown-attribute': ignored,
  'duplicate-element': ignored,
  'unused-setting': ignored,
  'no-effect-setting': ignored,
  'not-in-target-version': ignored,
  'legacy-contact': traps,
  'duplicate-request-handler': traps,
  'empty-handler-url': traps,
  'spammer-header-ignored': traps,
  'unrecognised-boolean': traps,
  'untrimmed-value': traps,
  'wss-without-sips': traps,
  'external-ip-unusable': traps,
  'local-net-derived': traps,
  'port-clash': { tags: ['reliability', 'ports'], precision: 'high' },
  'capture-server-incomplete': services,
  'blacklist-incomplete': services,
  'prometheus-no-port': services,
  'syslog-no-facility': services,
  // an attacker who knows the secret controls every call; exposure and weak TLS widen who can try
  'weak-admin-secret': security(8.8),
  'admin-exposed': security(7.5),
  'plain-http-handler': security(6.5),
  'min-tls-version-low': security(5.9),
  'prometheus-exposed': security(5.3),
  'tls-contact-without-cert': security(4.3),
  'secret-logged': security(5.5),
  'tls-file-missing': { tags: ['reliability', 'tls'], precision: 'high' },
};

/** The classification of a rule; every rule has one (a test checks). */
export function ruleTags(id: string): RuleTags | undefined {
  return BY_RULE[id];
}
