/**
 * Text patterns drachtio-server itself applies, rewritten from its checks (sources cited in the registry):
 * a contact or proxy must be a sip:/sips: URI with a host; external-ip may hold only digits and dots;
 * local-net must be digits-and-dots, a slash, then anything.
 */
export const SIP_URI = '^<?(sips?):(?:[^;]+@)?(\\[[0-9a-fA-F:]+\\]|[^;|^>:]+)(?::([0-9]+))?(?:;([^>]+))?>?$';
export const IPV4_DIGITS = '^[0-9.]*$';
export const CIDR = '^[0-9.]*/.*$';

const TEMPLATED = /\{\{.*?\}\}|\{%.*?%\}|\$\{[^}]*\}/;

/** Jinja/Helm/Go-template placeholders: such values are filled in later and cannot be checked. */
export function isTemplated(raw: string): boolean {
  // every placeholder has a '{': most values are ruled out without the pattern
  return raw.includes('{') && TEMPLATED.test(raw);
}
