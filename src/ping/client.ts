import { randomUUID } from 'node:crypto';
import { isIP, connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { deadline } from './deadline.js';
import { FrameReader, encodeFrame, fieldsOf } from './frame.js';

/** Where and how to reach a drachtio admin port. */
export interface AdminTarget {
  host: string;
  port: number;
  tls: boolean;
  /** with TLS: verify the server's certificate against these CA certificates; without, it is not verified */
  ca?: Buffer;
  secret: string;
  /** for everything: connecting, the TLS handshake and the answer */
  timeoutMs: number;
}

export interface PingResult {
  authenticated: boolean;
  /** from sending `authenticate` to its response */
  rttMs: number;
  version: string | null;
  hostports: string[];
  localHostports: string[];
  /** the server's reason when it refused (it then closes the connection) */
  refusal?: string;
}

/** A connection that did not get as far as an answer: one line that says why. */
export class PingError extends Error {
  constructor(
    readonly kind: 'refused' | 'timeout' | 'reset' | 'closed' | 'tls' | 'protocol' | 'network',
    message: string,
  ) {
    super(message);
    this.name = 'PingError';
  }
}

const list = (field: string | undefined) => (field ?? '').split(',').filter((s) => s !== '');

/**
 * What the server answers `<id>|authenticate|<secret>`: `<uuid>|response|<id>|OK|<hostports>|<version>|<local hostports>`,
 * or `…|NO|<reason>` before it disconnects (src/client.cpp BaseClient::processClientMessage, createResponseMsg).
 */
export function parseAuthResponse(fields: readonly string[], rttMs: number): PingResult {
  if (fields[3] === 'OK') {
    return { authenticated: true, rttMs, version: fields[5] ?? null, hostports: list(fields[4]), localHostports: list(fields[6]) };
  }
  return { authenticated: false, rttMs, version: null, hostports: [], localHostports: [], refusal: fields.slice(4).join('|') || fields[3] || 'no reason given' };
}

function describe(err: NodeJS.ErrnoException, where: string, tls: boolean): PingError {
  switch (err.code) {
    case 'ECONNREFUSED':
      return new PingError('refused', `connection refused by ${where}: nothing listens there (is drachtio running with this admin port?)`);
    case 'ECONNRESET':
    case 'EPIPE':
      return new PingError('reset', `connection reset by ${where}${tls ? ' (a plain TCP port, or TLS refused?)' : ''}`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new PingError('network', `cannot resolve ${where}`);
    default:
      if (tls && (err.code?.startsWith('ERR_SSL') || err.code?.includes('CERT') || /SSL|TLS|certificate/i.test(err.message))) {
        return new PingError('tls', `TLS with ${where} failed: ${err.message}`);
      }
      return new PingError('network', `cannot talk to ${where}: ${err.message}`);
  }
}

/** Connect, authenticate and read the answer; settles within `timeoutMs` whatever the server does. */
export function authenticate(t: AdminTarget): Promise<PingResult> {
  const where = `${isIP(t.host) === 6 ? `[${t.host}]` : t.host}:${t.port}`;
  return new Promise((resolve, reject) => {
    const id = randomUUID();
    const reader = new FrameReader();
    let sentAt = 0;
    let socket: Socket;
    const settle = deadline(t.timeoutMs, () => reject(new PingError('timeout', `no answer from ${where} within ${t.timeoutMs} ms`)), () => socket.destroy());
    const send = () => {
      sentAt = performance.now();
      socket.write(encodeFrame(`${id}|authenticate|${t.secret}`));
    };
    socket = t.tls
      ? connectTls({ host: t.host, port: t.port, rejectUnauthorized: t.ca !== undefined, ...(t.ca && { ca: t.ca }), ...(isIP(t.host) === 0 && { servername: t.host }) }, send)
      : connectTcp({ host: t.host, port: t.port }, send);
    socket.on('data', (chunk: Buffer) => {
      let payloads: string[];
      try {
        payloads = reader.push(chunk);
      } catch (e) {
        settle(() => reject(new PingError('protocol', `${where} does not speak drachtio's admin protocol: ${(e as Error).message}`)));
        return;
      }
      for (const p of payloads) {
        const fields = fieldsOf(p);
        if (fields[1] === 'response' && fields[2] === id) {
          const rtt = Math.round((performance.now() - sentAt) * 100) / 100;
          settle(() => resolve(parseAuthResponse(fields, rtt)));
          return;
        }
      }
    });
    socket.on('error', (e: NodeJS.ErrnoException) => settle(() => reject(describe(e, where, t.tls))));
    socket.on('close', () => settle(() => reject(new PingError('closed', `${where} closed the connection without answering`))));
  });
}
