import { EVERY_SETTING, eachPresentValue, selectSettings, settingLabel } from '../names.js';
import { clause } from '../quote.js';
import type { Rule, RuleContext } from '../types.js';
import { parseVersion, parseVersionRange, rangeVersus } from '../version.js';

/** Settings the server reads and then ignores, and settings the target server version does not know. */

/** The target range of --target-version, if one was given (the command has checked that it parses). */
const target = (ctx: RuleContext) => (ctx.options.targetVersion ? parseVersionRange(ctx.options.targetVersion) : undefined);
const UNUSED = selectSettings((s) => s.effect === 'unused');
const NO_EFFECT = selectSettings((s) => s.effect === 'no-effect');

export const unusedSetting: Rule = {
  meta: {
    id: 'unused-setting',
    severity: 'warning',
    summary: 'A setting drachtio-server reads and then never uses.',
    why: 'It looks as if it does something, but changing it changes nothing: spammers action/tcp-action, redis-password in the file, <minSize>, the admin tls attribute and request-handler verify-peer.',
    bad: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE" verify-peer="false">https://routing.example.com/invite</request-handler></request-handlers></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><request-handlers><request-handler sip-method="INVITE">https://routing.example.com/invite</request-handler></request-handlers></drachtio>',
  },
  check({ config, report }) {
    eachPresentValue(config, UNUSED, (p) => {
      report({ message: `${settingLabel(p.setting, p.itemPath)} is read but never used by drachtio-server: ${clause(p.setting.behaviour)}`, pos: p.value.pos, setting: p.id });
    });
  },
};

export const noEffectSetting: Rule = {
  meta: {
    id: 'no-effect-setting',
    severity: 'warning',
    summary: 'A setting that has stopped having any effect in current drachtio-server releases, such as <udp-mtu>.',
    why: 'Since v0.9.4 the UDP MTU is fixed: <udp-mtu>, --mtu and DRACHTIO_UDP_MTU are still read and silently ignored. With --target-version before v0.9.4 the rule stays quiet.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><udp-mtu>4096</udp-mtu></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><udp-buffer-size>8388608</udp-buffer-size></sip></drachtio>',
  },
  check(ctx) {
    const range = target(ctx);
    eachPresentValue(ctx.config, NO_EFFECT, (p) => {
      const since = p.setting.noEffectSince ? parseVersion(p.setting.noEffectSince) : undefined;
      if (!since) return;
      const where = range ? rangeVersus(range, since) : 'from';
      if (where === 'before') return;
      const when = where === 'from' ? `has had no effect since drachtio-server ${p.setting.noEffectSince}` : `has no effect from ${p.setting.noEffectSince} on (part of ${range!.label})`;
      ctx.report({ message: `${settingLabel(p.setting, p.itemPath)} ${when}: ${clause(p.setting.behaviour.split('. ')[0]!)}`, pos: p.value.pos, setting: p.id });
    });
  },
};

export const notInTargetVersion: Rule = {
  meta: {
    id: 'not-in-target-version',
    severity: 'warning',
    summary: 'With --target-version: a setting that the named drachtio-server version does not read yet.',
    why: 'Older servers silently ignore settings they do not know, so the file says more than the server does. Versions come from the first release whose source reads each setting.',
    bad: '<drachtio><admin>127.0.0.1</admin><sip><udp-buffer-size>8388608</udp-buffer-size></sip></drachtio>',
    good: '<drachtio><admin>127.0.0.1</admin><sip><udp-mtu>4096</udp-mtu></sip></drachtio>',
    options: { targetVersion: '0.8.x' },
  },
  check(ctx) {
    const range = target(ctx);
    if (!range) return;
    eachPresentValue(ctx.config, EVERY_SETTING, (p) => {
      const since = p.since ? parseVersion(p.since) : undefined;
      if (!since) return;
      const where = rangeVersus(range, since);
      if (where === 'from') return;
      const label = settingLabel(p.setting, p.itemPath);
      const message =
        where === 'before'
          ? `${label} is read only from drachtio-server ${p.since} on; ${range.label} silently ignores it`
          : `${label} is read only from drachtio-server ${p.since} on; earlier ${range.label} releases silently ignore it`;
      ctx.report({ message, pos: p.value.pos, setting: p.id });
    });
  },
};
