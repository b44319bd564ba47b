import type { InitAnswers } from './answers.js';

export interface Preset {
  summary: string;
  /** answers as text, exactly as the flags would give them; they replace the question defaults */
  answers: Partial<Record<keyof InitAnswers, string>>;
}

/** Known-good starting shapes. Anything a preset leaves open comes from the flags or the defaults. */
export const PRESETS = {
  inbound: { summary: 'applications connect to drachtio; SIP on udp and tcp 5060', answers: { shape: 'inbound' } },
  outbound: {
    summary: 'drachtio asks an HTTPS request handler where to route new requests (needs --request-handler)',
    answers: { shape: 'outbound' },
  },
  proxy: {
    summary: 'a SIP proxy or registrar; REGISTERs addressed to a bare IP are rejected',
    answers: { shape: 'proxy', rejectRegisterWithNoRealm: 'true' },
  },
  webrtc: {
    summary: 'udp and tcp 5060 plus secure WebSocket (wss) 8443 for browsers (needs the TLS files)',
    answers: { shape: 'inbound', transports: 'udp,tcp,wss' },
  },
  'behind-nat': {
    summary: 'a server behind NAT, advertising its public address (needs --external-ip)',
    answers: { shape: 'inbound', behindNat: 'true' },
  },
} as const satisfies Record<string, Preset>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
