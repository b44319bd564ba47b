import { elementPos } from '../../model/config.js';
import { isTemplated } from '../../schema/patterns.js';
import type { Rule } from '../types.js';

/** Optional services (capture, blacklist, Prometheus, syslog) configured so that the server disables or half-configures them. */

export const captureServerIncomplete: Rule = {
  meta: {
    id: 'capture-server-incomplete',
    severity: 'warning',
    summary: '<capture-server> without an id attribute or without an address.',
    why: 'The server needs both a non-zero agent id and an address; otherwise it prints "invalid capture-server config" and sends nothing to Homer. (An id of 0 and a hep-version outside 1..3 are reported by out-of-range.)',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><capture-server port="9060" hep-version="3">10.0.0.5</capture-server></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><capture-server port="9060" hep-version="3" id="101">10.0.0.5</capture-server></sip></drachtio>',
  },
  check({ config, report }) {
    const address = config.values.get('sip.capture-server.address');
    if (!address) return;
    const id = config.values.get('sip.capture-server.id');
    const missing = [!id && 'id attribute', address.raw.trim() === '' && 'address'].filter(Boolean);
    if (missing.length === 0) return;
    report({
      message: `<capture-server> has no ${missing.join(' and no ')}: drachtio-server prints "invalid capture-server config" and captures nothing`,
      pos: id ? address.pos : (elementPos(config, 'sip/capture-server') ?? address.pos),
      setting: id ? 'sip.capture-server.address' : 'sip.capture-server.id',
    });
  },
};

export const blacklistIncomplete: Rule = {
  meta: {
    id: 'blacklist-incomplete',
    severity: 'warning',
    summary: '<blacklist> without redis-key, without redis-address or redis-sentinels, or with sentinels but no redis-master.',
    why: 'The server prints "invalid blacklist config" and runs without a blacklist, so traffic from blacklisted addresses is let through.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><blacklist><redis-address>10.0.0.7</redis-address></blacklist></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><blacklist><redis-address>10.0.0.7</redis-address><redis-key>blacklist</redis-key></blacklist></sip></drachtio>',
  },
  check({ config, report }) {
    const pos = elementPos(config, 'sip/blacklist');
    if (!pos) return;
    const has = (name: string) => (config.values.get(`sip.blacklist.${name}`)?.raw ?? '') !== '';
    const problems = [
      !has('redis-address') && !has('redis-sentinels') && 'neither <redis-address> nor <redis-sentinels>',
      !has('redis-key') && 'no <redis-key>',
      has('redis-sentinels') && !has('redis-master') && '<redis-sentinels> without <redis-master>',
    ].filter(Boolean);
    if (problems.length === 0) return;
    report({ message: `<blacklist> has ${problems.join(', ')}: drachtio-server prints "invalid blacklist config" and runs without a blacklist`, pos });
  },
};

export const prometheusNoPort: Rule = {
  meta: {
    id: 'prometheus-no-port',
    severity: 'warning',
    summary: '<prometheus> without a port attribute.',
    why: 'The port is required: without it the server silently leaves Prometheus off, with no /metrics endpoint.',
    bad: '<drachtio><admin>127.0.0.1</admin><monitoring><prometheus>127.0.0.1</prometheus></monitoring></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><monitoring><prometheus port="9090">127.0.0.1</prometheus></monitoring></drachtio>',
  },
  check({ config, report }) {
    const pos = elementPos(config, 'monitoring/prometheus');
    if (!pos || config.values.has('monitoring.prometheus.port')) return;
    report({ message: '<prometheus> has no port attribute: drachtio-server silently leaves Prometheus off', pos, setting: 'monitoring.prometheus.port' });
  },
};

export const syslogNoFacility: Rule = {
  meta: {
    id: 'syslog-no-facility',
    severity: 'warning',
    summary: 'Syslog logging without a <facility>.',
    why: 'Syslog is still switched on, but with an uninitialised facility, so messages may be filed anywhere or dropped by the syslog server. (An unknown facility is reported by invalid-value.)',
    bad: '<drachtio><admin>127.0.0.1</admin><logging><syslog><address>10.0.0.9</address></syslog></logging></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><logging><syslog><address>10.0.0.9</address><facility>local6</facility></syslog></logging></drachtio>',
  },
  check({ config, report }) {
    const address = config.values.get('logging.syslog.address');
    if (!address || isTemplated(address.raw) || config.values.has('logging.syslog.facility')) return;
    report({
      message: '<syslog> has no <facility>: drachtio-server still sends to syslog, with an uninitialised facility; add <facility>local0</facility> … local7',
      pos: elementPos(config, 'logging/syslog') ?? address.pos,
      setting: 'logging.syslog.facility',
    });
  },
};
