import { isLoopback as isLoopbackHost } from '../model/facts.js';
/** What `drachtioctl init` asks for: the plain object every mode (prompts, flags, presets) fills in. */

export const SHAPES = ['inbound', 'outbound', 'proxy'] as const;
export type Shape = (typeof SHAPES)[number];

export const TRANSPORTS = ['udp', 'tcp', 'tls', 'ws', 'wss'] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const LOG_TARGETS = ['console', 'file', 'syslog'] as const;
export type LogTarget = (typeof LOG_TARGETS)[number];

export interface InitAnswers {
  /** inbound: applications connect to the server; outbound: the server asks an HTTP handler; proxy: SIP proxy or registrar */
  shape: Shape;
  requestHandler?: string;
  requestHandlerMethod?: string;
  rejectRegisterWithNoRealm?: boolean;
  /** IP literal, or * for every interface */
  sipAddress: string;
  transports: Transport[];
  /** shared by udp and tcp */
  sipPort?: number;
  sipTlsPort?: number;
  wsPort?: number;
  wssPort?: number;
  behindNat: boolean;
  externalIp?: string;
  localNet?: string;
  adminAddress: string;
  /** 0 turns plain TCP off */
  adminPort: number;
  /** 0 turns admin TLS off */
  adminTlsPort: number;
  secret: string;
  tlsKey?: string;
  tlsCert?: string;
  tlsChain?: string;
  tlsDhParam?: string;
  homerAddress?: string;
  homerPort?: number;
  homerId?: number;
  /** 0 turns Prometheus off */
  prometheusPort: number;
  prometheusAddress?: string;
  log: LogTarget;
  logFile?: string;
  syslogAddress?: string;
  syslogPort?: number;
  syslogFacility?: string;
  loglevel: string;
  sofiaLoglevel: number;
  cdrs: boolean;
}

/** Answers so far, while questions are still being asked. */
export type PartialAnswers = Partial<InitAnswers>;

/** Whether an answer is a loopback address (the one test every command uses, src/model/facts.ts). */
export const isLoopback = (ip: string | undefined): boolean => ip !== undefined && isLoopbackHost(ip);

/** Whether any TLS file is needed: a tls or wss transport, or admin TLS. */
export const needsTls = (a: PartialAnswers): boolean =>
  (a.transports ?? []).some((t) => t === 'tls' || t === 'wss') || (a.adminTlsPort ?? 0) > 0;
