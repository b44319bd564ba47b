/**
 * drachtio's admin framing: `<length>#<payload>`, the length in UTF-8 bytes of the payload, in
 * decimal (src/client.cpp BaseClient::readMessageLength and Client::send). Payload fields are
 * separated by `|`; the first line holds them, SIP text may follow after CRLF (src/drachtio.cpp splitMsg).
 */

/** One frame ready to write. */
export const encodeFrame = (payload: string): Buffer => {
  const body = Buffer.from(payload, 'utf8');
  return Buffer.concat([Buffer.from(`${body.length}#`, 'latin1'), body]);
};

const HASH = 0x23;
/** Longer length prefixes are not drachtio talking (the server itself refuses six digits). */
const MAX_DIGITS = 9;

/** Splits a byte stream into payloads, whatever the TCP packets cut: inside the length, inside a UTF-8 character, between frames. */
export class FrameReader {
  private buffer: Buffer = Buffer.alloc(0);

  /** Add bytes; returns the payloads now complete. Throws on a malformed length prefix. */
  push(chunk: Buffer): string[] {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    const out: string[] = [];
    for (;;) {
      const hash = this.buffer.indexOf(HASH);
      const digits = hash < 0 ? this.buffer.length : hash;
      for (let i = 0; i < digits; i++) {
        const c = this.buffer[i]!;
        if (c < 0x30 || c > 0x39) throw new Error('the server sent a frame without a decimal length before "#"');
      }
      if (digits > MAX_DIGITS || hash === 0) throw new Error('the server sent a frame with an invalid length');
      if (hash < 0) return out;
      const length = Number(this.buffer.subarray(0, hash).toString('latin1'));
      const end = hash + 1 + length;
      if (this.buffer.length < end) return out;
      out.push(this.buffer.subarray(hash + 1, end).toString('utf8'));
      this.buffer = this.buffer.subarray(end);
    }
  }
}

/** The `|`-separated fields of a payload's first line. */
export const fieldsOf = (payload: string): string[] => {
  const eol = payload.indexOf('\r\n');
  return (eol < 0 ? payload : payload.slice(0, eol)).split('|');
};
