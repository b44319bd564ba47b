import { Args } from '@oclif/core';
import { describeEntry, describeSetting, type SettingDescription } from '../docs/describe.js';
import { formatDescription } from '../docs/text.js';
import { UserError } from '../errors.js';
import { REGISTRY } from '../registry/index.js';
import { lookup, unknownSettingMessage } from '../registry/lookup.js';
import { BaseCommand } from './base.js';

export interface ExplainJson {
  settings: SettingDescription[];
}

export default class Explain extends BaseCommand {
  static override summary = 'Explain a setting: its XML, flag and environment forms, default, and what the server does with it.';
  static override description =
    'Name the setting by registry id (admin.port), XML path (admin@port, <udp-mtu>), flag (--port, -p) or environment variable (DRACHTIO_ADMIN_TCP_PORT). Without an argument, lists every setting.';
  static override examples = [
    '<%= config.bin %> explain admin.tcp-keepalive',
    '<%= config.bin %> explain DRACHTIO_AGRESSIVE_NAT_DETECTION',
    '<%= config.bin %> explain --json -- --homer',
  ];
  static override args = { setting: Args.string({ description: 'id, XML path, flag or environment variable' }) };

  async run(): Promise<ExplainJson> {
    const { args } = await this.parse(Explain);
    if (args.setting === undefined) {
      const settings = REGISTRY.flatMap(describeEntry);
      if (!this.jsonEnabled()) this.log(settings.map((d) => `${d.id.padEnd(42)} ${d.summary}`).join('\n'));
      return { settings };
    }
    const hit = lookup(args.setting);
    if (!hit) throw new UserError(unknownSettingMessage(args.setting));
    const settings = hit.field ? [describeSetting(hit.field, hit.entry as never)] : describeEntry(hit.entry);
    if (!this.jsonEnabled()) this.log(settings.map(formatDescription).join('\n\n'));
    return { settings };
  }
}
