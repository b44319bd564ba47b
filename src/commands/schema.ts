import { Flags } from '@oclif/core';
import { readPackageFile } from '../io/package-root.js';
import { BaseCommand } from './base.js';
import { writeStdout } from '../io/stdout.js';

/** The schema files the package ships, generated from the registry by `npm run generate`. */
const FILES = { json: 'schemas/drachtio.schema.json', xsd: 'schemas/drachtio.conf.xsd' } as const;

export interface SchemaJson {
  format: keyof typeof FILES;
  path: string;
  content: string;
}

export default class Schema extends BaseCommand {
  static override summary = 'Print the JSON Schema of the JSON/YAML form, or the XML Schema (XSD) of drachtio.conf.xml.';
  static override description =
    'Both are generated from the settings registry. Point an XSD-aware editor (VS Code\'s XML extension, IntelliJ) at the XSD to get completion and type checks while editing drachtio.conf.xml; the JSON Schema describes what `convert --to json|yaml` writes.';
  static override examples = ['<%= config.bin %> schema --format xsd > drachtio.conf.xsd', '<%= config.bin %> schema > drachtio.schema.json'];
  static override flags = {
    format: Flags.string({ description: 'which schema', options: Object.keys(FILES), default: 'json' }),
  };

  async run(): Promise<SchemaJson> {
    const { flags } = await this.parse(Schema);
    const format = flags.format as keyof typeof FILES;
    const content = readPackageFile(FILES[format]);
    if (!this.jsonEnabled()) writeStdout(content);
    return { format, path: FILES[format], content };
  }
}
