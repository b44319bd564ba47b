import { createRequire } from 'node:module';

// node:net has these checks, but loading it loads node:stream and a dozen more modules, a tenth
// of a validate run: a dotted quad, the address nearly every config holds, is judged here with
// the pattern node:net uses (test/ip.test.ts holds them to agree), and node:net loads for the rest.

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const DOTTED_QUAD = new RegExp(`^(?:${OCTET}\\.){3}${OCTET}$`);

let net: typeof import('node:net') | undefined;
const loadNet = () => (net ??= createRequire(import.meta.url)('node:net') as typeof import('node:net'));

/** node:net's isIPv4 */
export const isIPv4 = (text: string): boolean => DOTTED_QUAD.test(text);

/** node:net's isIP: 4, 6, or 0 for anything else */
export const isIP = (text: string): number => (isIPv4(text) ? 4 : loadNet().isIP(text));

/** Whether an IPv4 address is inside the block `network`/`bits`. */
export function inIPv4Block(address: string, network: string, bits: number): boolean {
  const list = new (loadNet().BlockList)();
  list.addSubnet(network, bits, 'ipv4');
  return list.check(address, 'ipv4');
}
