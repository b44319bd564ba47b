import { listenerClashes } from '../../model/facts.js';
import type { Rule } from '../types.js';

/** Listeners that would share a port: the admin ports, Prometheus and the SIP contacts (src/model/facts.ts). */
export const portClash: Rule = {
  meta: {
    id: 'port-clash',
    effective: true,
    stopsServer: true,
    severity: 'error',
    summary: 'Two listeners on the same port and address: admin port, admin tls-port, Prometheus port or SIP contacts.',
    why: 'Only one socket can listen on a port: the second fails to bind and drachtio-server stops at start-up (exit status 0). SIP contacts without a port use 5060 (sip) or 5061 (sips or transport=tls).',
    bad: '<drachtio><admin port="5060">0.0.0.0</admin><sip><contacts><contact>sip:10.0.0.1;transport=tcp</contact></contacts></sip></drachtio>',
    good: '<drachtio><admin port="9022">127.0.0.1</admin><sip><contacts><contact>sip:10.0.0.1;transport=tcp</contact></contacts></sip></drachtio>',
  },
  check({ config, report }) {
    for (const { listener: b, first: a } of listenerClashes(config)) {
      const proto = a.protocols.find((p) => b.protocols.includes(p))!.toUpperCase();
      report({
        message: `${b.label} uses ${proto} port ${b.port}, as does ${a.label} ${a.pos ? `(line ${a.pos.line})` : '(the server\'s default)'} on an overlapping address: the second cannot bind and drachtio-server stops at start-up`,
        pos: b.pos ?? a.pos!,
        setting: b.setting,
      });
    }
  },
};
