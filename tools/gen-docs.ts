/** Regenerate docs/settings.md and the man pages from the registry and the commands. */
import { writeFileSync } from 'node:fs';
import { loadCommands } from '../src/cli.js';
import { generateDocs } from '../src/docs/generate.js';

const root = new URL('../../', import.meta.url);
for (const [path, text] of Object.entries(generateDocs(await loadCommands()))) {
  writeFileSync(new URL(path, root), text);
  console.log(`wrote ${path}`);
}
