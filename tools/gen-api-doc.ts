/** Regenerate the "Library API" section of README.md from src/index.ts's exports. */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readmeWithApi } from './api-doc.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
writeFileSync(`${root}README.md`, readmeWithApi(root));
console.log('wrote README.md (Library API)');
