import { SIP_URI } from '../schema/patterns.js';

export interface SipUri {
  scheme: 'sip' | 'sips';
  host: string;
  port?: number;
  /** lower-cased transports from ;transport=, e.g. ['udp', 'tcp'] */
  transports: string[];
}

const SIP_URI_RE = new RegExp(SIP_URI);

/** Split a contact the way drachtio-server accepts it; undefined when the server would reject it. */
export function parseSipUri(text: string): SipUri | undefined {
  if (!SIP_URI_RE.test(text)) return undefined;
  const bare = text.replace(/^<|>$/g, '');
  const [head, ...params] = bare.split(';');
  const scheme = head!.startsWith('sips:') ? 'sips' : 'sip';
  const hostPort = head!.slice(scheme.length + 1).replace(/^[^@]*@/, '');
  const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hostPort);
  const transport = params.find((p) => p.toLowerCase().startsWith('transport='));
  return {
    scheme,
    host: m?.[1] ?? hostPort,
    ...(m?.[2] !== undefined && { port: Number(m[2]) }),
    transports: transport ? transport.slice('transport='.length).toLowerCase().split(',').filter(Boolean) : [],
  };
}

/** The transports a contact listens on: its ;transport= list, else udp and tcp (sip) or tls (sips). */
export function contactTransports(uri: SipUri): string[] {
  if (uri.transports.length > 0) return uri.transports;
  return uri.scheme === 'sips' ? ['tls'] : ['udp', 'tcp'];
}

/** The port a contact listens on for a transport, with the SIP defaults the stack applies. */
export function contactPort(uri: SipUri, transport: string): number {
  if (uri.port !== undefined) return uri.port;
  return transport === 'tls' || uri.scheme === 'sips' ? 5061 : transport === 'ws' ? 80 : transport === 'wss' ? 443 : 5060;
}
