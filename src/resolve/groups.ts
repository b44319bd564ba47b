import { SCALARS, type SettingValue } from '../registry/index.js';
import { isUnset, lostAsOverridden, taken, why, type Context } from './index.js';
import type { Overridden } from './types.js';

/**
 * Settings a command-line/environment address replaces as a whole (src/controller.cpp
 * DrachtioController::run): the capture server (Homer), Prometheus and the redis blacklist.
 */
export function resolveGroups(ctx: Context): void {
  capture(ctx);
  prometheus(ctx);
  blacklist(ctx);
}

const members = (group: string) => SCALARS.filter((s) => s.id.startsWith(`${group}.`) && s.precedence === 'group');

/** Take every member of a group from the command line/environment (the registry's groupFill for members not given), listing the file's values as overridden. */
function fromMembers(ctx: Context, group: string, anchor: string, note = ''): void {
  const by = ctx.member(anchor).given!;
  const fill: Record<string, SettingValue> = Object.fromEntries(members(group).flatMap((s) => (s.groupFill === undefined ? [] : [[s.id, s.groupFill]])));
  for (const s of members(group)) {
    const m = ctx.member(s.id);
    const f = ctx.file(s.id);
    const over: Overridden[] = [...lostAsOverridden(m, 'overwritten by a later assignment'), ...(f ? [{ source: 'file' as const, origin: f.origin, value: f.value, why: 'the whole file element is replaced' }] : [])];
    if (m.given && !isUnset(s, m.given.value)) {
      ctx.settings[s.id] = { ...taken(m.given), overridden: over, why: why(s) };
    } else if (s.id in fill) {
      ctx.settings[s.id] = { ...taken(by), value: fill[s.id], origin: `${by.origin} (implied)`, overridden: over, why: `${why(s)}; ${note}` };
    } else if (s.default !== undefined) {
      // the server variable's initial value (DrachtioController constructor)
      ctx.settings[s.id] = { value: s.default, source: 'default', origin: 'default', overridden: over, why: why(s) };
    }
  }
}

/** Take every member from the file (defaults for absent ones), listing command-line/environment values as overridden. */
function fromFile(ctx: Context, group: string, override: Record<string, SettingValue> = {}, note = ''): void {
  for (const s of members(group)) {
    const m = ctx.member(s.id);
    const f = ctx.file(s.id);
    const over = lostAsOverridden(m, 'the file element is used because no command-line/environment address was given');
    if (m.given) over.push({ source: m.given.source, origin: m.given.origin, value: m.given.value, why: 'no command-line/environment address: the file element is used whole' });
    if (s.id in override) {
      ctx.settings[s.id] = { value: override[s.id], source: 'file', origin: f?.origin ?? 'file', overridden: over, why: `${why(s)}; ${note}` };
    } else if (f && f.value !== undefined) {
      ctx.settings[s.id] = { value: f.value, source: 'file', origin: f.origin, overridden: over, why: why(s) };
    } else if (s.default !== undefined) {
      ctx.settings[s.id] = { value: s.default, source: 'default', origin: 'default', overridden: over, why: why(s) };
    }
  }
}

function capture(ctx: Context): void {
  const g = 'sip.capture-server';
  const address = ctx.member(`${g}.address`).given;
  if (address && address.value !== '') {
    // the command line and environment always use HEP 3; DRACHTIO_HOMER_ADDRESS alone leaves the port at 0
    const port = ctx.member(`${g}.port`).given;
    if (!port) ctx.warnings.push(`${address.origin}: DRACHTIO_HOMER_ADDRESS without DRACHTIO_HOMER_PORT sends HEP to port 0 (the 9060 default applies only to --homer)`);
    fromMembers(ctx, g, `${g}.address`, 'the command line and environment always send HEP version 3');
    return;
  }
  const fAddress = ctx.file(`${g}.address`);
  const fId = ctx.file(`${g}.id`);
  if (!fAddress) return;
  if (fAddress.value === '' || !fId?.value) {
    ctx.warnings.push(`${fAddress.origin}: <capture-server> without an address or a non-zero id is disabled`);
    return;
  }
  const hep = ctx.file(`${g}.hep-version`)?.value ?? 3;
  if ((hep as number) < 1 || (hep as number) > 3) {
    // run() logs "invalid hep-version" and builds no capture string: no capture server is in force
    ctx.warnings.push(`${fAddress.origin}: hep-version ${String(hep)} is outside 1..3: the server runs with capture off (src/controller.cpp DrachtioController::run)`);
    return;
  }
  fromFile(ctx, g);
}

function prometheus(ctx: Context): void {
  const g = 'monitoring.prometheus';
  const port = ctx.member(`${g}.port`).given;
  if (port && port.value !== 0) return fromMembers(ctx, g, `${g}.port`);
  const file = ctx.file(`${g}.port`);
  if (file?.value) return fromFile(ctx, g);
  // run() reads the file's port only while the command-line/environment port is 0, and 0 there too means off
  if (file?.value === 0) ctx.warnings.push(`${file.origin}: Prometheus port 0: the server runs with Prometheus off (src/controller.cpp DrachtioController::run)`);
}

function blacklist(ctx: Context): void {
  const g = 'sip.blacklist';
  const address = ctx.member(`${g}.redis-address`).given;
  if (address && address.value !== '') {
    // parseCmdArgs fills these in after its loop, for an address from either source
    return fromMembers(ctx, g, `${g}.redis-address`, 'parseCmdArgs defaults port 6379 and refresh 300 s when an address is given');
  }
  const file = (name: string) => String(ctx.file(`${g}.${name}`)?.value ?? '');
  const sentinels = file('redis-sentinels');
  let fileAddress = file('redis-address');
  // Impl::Impl blanks the address of an incomplete block; getBlacklistServer then needs an address or sentinels
  if (file('redis-key') === '' || (sentinels !== '' && file('redis-master') === '')) fileAddress = '';
  if (fileAddress === '' && sentinels === '') {
    for (const s of members(g)) {
      const m = ctx.member(s.id);
      if (m.given && !isUnset(s, m.given.value)) ctx.settings[s.id] = { ...taken(m.given), overridden: lostAsOverridden(m, 'overwritten'), why: why(s) };
    }
    return;
  }
  const password = ctx.member(`${g}.redis-password`).given;
  if (password && password.value !== '') {
    ctx.warnings.push(`${password.origin}: the redis password is wiped: without a command-line/environment redis address the file's <blacklist> block replaces every blacklist value, and the file's password is never passed on`);
  }
  const refresh = ctx.file(`${g}.refresh-secs`)?.value;
  fromFile(ctx, g, { [`${g}.redis-address`]: fileAddress, [`${g}.redis-password`]: '', [`${g}.refresh-secs`]: !refresh ? 3600 : refresh }, 'getBlacklistServer never passes the password and turns refresh 0 into 3600 (src/drachtio-config.cpp)');
}
