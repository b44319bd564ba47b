/**
 * A stand-in for drachtio's admin port, written from the protocol (src/client.cpp): frames are
 * `<utf-8 byte length>#<payload>`; `<id>|authenticate|<secret>` gets
 * `<uuid>|response|<id>|OK|<hostports>|<version>|<local hostports>`, or `…|NO|incorrect secret`
 * and a disconnect. Its own frame parser on purpose: the client's is what is under test.
 */
import { randomUUID } from 'node:crypto';
import { createServer as createTcpServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export interface StandInOptions {
  secret: string;
  version?: string;
  hostports?: string[];
  localHostports?: string[];
  /** answer, never answer, or reset the connection once the request arrives */
  behaviour?: 'answer' | 'silent' | 'reset';
  /** write the reply one byte per TCP packet (splitting the length and every UTF-8 character) */
  bytewise?: boolean;
  /** a frame for someone else first, in the same write as the answer */
  noise?: boolean;
  tls?: { key: Buffer; cert: Buffer };
}

export interface StandIn {
  port: number;
  /** every payload received */
  received: string[];
  close(): Promise<void>;
}

const frame = (payload: string) => {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${body.byteLength}#`), body]);
};

export async function standIn(o: StandInOptions): Promise<StandIn> {
  const received: string[] = [];
  const sockets = new Set<Socket>();
  const onConnection = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.setNoDelay(true);
    let buf = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      for (;;) {
        const hash = buf.indexOf('#');
        const digits = buf.subarray(0, hash < 0 ? buf.length : hash).toString('latin1');
        // the server drops a client whose length is not decimal digits (BaseClient::readMessageLength)
        if (!/^\d*$/.test(digits) || hash === 0) return void socket.destroy();
        if (hash < 0) return;
        const len = Number(digits);
        if (buf.length < hash + 1 + len) return;
        const payload = buf.subarray(hash + 1, hash + 1 + len).toString('utf8');
        buf = buf.subarray(hash + 1 + len);
        received.push(payload);
        void reply(socket, payload);
      }
    });
  };
  const reply = async (socket: Socket, payload: string) => {
    const [id, verb, secret] = payload.split('|');
    if (o.behaviour === 'silent') return;
    if (o.behaviour === 'reset') return socket.resetAndDestroy();
    const ok = verb === 'authenticate' && secret === o.secret;
    const answer = ok
      ? `${randomUUID()}|response|${id}|OK|${(o.hostports ?? []).join(',')}|${o.version ?? 'v0.9.4'}|${(o.localHostports ?? []).join(',')}`
      : `${randomUUID()}|response|${id}|NO|incorrect secret`;
    const bytes = Buffer.concat([...(o.noise ? [frame(`${randomUUID()}|response|someone-else|OK|x`)] : []), frame(answer)]);
    if (o.bytewise) {
      for (const b of bytes) {
        socket.write(Buffer.from([b]));
        await new Promise((r) => setTimeout(r, 2));
      }
    } else socket.write(bytes);
    if (!ok) socket.end();
  };
  const server: Server = o.tls ? createTlsServer({ key: o.tls.key, cert: o.tls.cert }, onConnection) : createTcpServer(onConnection);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as AddressInfo).port,
    received,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const s = createTcpServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}
