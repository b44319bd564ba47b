// Bundle the CLI into one ESM file so start-up reads one module instead of hundreds.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/drachtioctl.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minifySyntax: true,
  legalComments: 'none',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  // oclif reaches for typescript only in development mode; a bundle never runs that path.
  // @inquirer/prompts is loaded from node_modules by interactive init only, so start-up never parses it
  external: ['typescript', '@inquirer/prompts'],
  logLevel: 'warning',
});
