/**
 * The README's "Library API" reference, generated from what src/index.ts exports: each value with
 * its type as the compiler sees it and the first sentence of its doc comment, then the types.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

export const API_START = '<!-- api:start (generated from src/index.ts by `npm run generate`) -->';
export const API_END = '<!-- api:end -->';

/** Up to the first full stop that ends a sentence (not the one of "e.g."). */
const firstSentence = (s: string) => s.replace(/\s+/g, ' ').trim().split(/(?<!\b(?:e\.g|i\.e))(?<=\.)\s+(?=[A-Z`(])/)[0] ?? '';
const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The Markdown between the markers, for the repository at `root`. */
export function apiSection(root: string): string {
  const entry = join(root, 'src/index.ts');
  const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  const values: string[] = [];
  const types: string[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol).sort((a, b) => a.name.localeCompare(b.name))) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const doc = firstSentence(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
    if (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Variable | ts.SymbolFlags.Class)) {
      const decl = symbol.valueDeclaration ?? symbol.declarations![0]!;
      const type = checker.getTypeOfSymbolAtLocation(symbol, decl);
      const signatures = type.getCallSignatures();
      const shown =
        signatures.length > 0
          ? signatures.map((s) => `${exported.name}${checker.signatureToString(s, undefined, ts.TypeFormatFlags.NoTruncation)}`).join('; ')
          : `${exported.name}: ${checker.typeToString(type, undefined, ts.TypeFormatFlags.NoTruncation)}`;
      values.push(`| \`${cell(shown.length > 160 ? `${shown.slice(0, 157)}…` : shown)}\` | ${cell(doc)} |`);
    } else {
      types.push(`\`${exported.name}\``);
    }
  }
  return [API_START, '', '| export | what |', '|---|---|', ...values, '', `Types: ${types.join(', ')}.`, '', API_END].join('\n');
}

/** README.md with its API section regenerated. */
export function readmeWithApi(root: string): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const start = readme.indexOf(API_START);
  const end = readme.indexOf(API_END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the ${API_START} … ${API_END} markers`);
  return readme.slice(0, start) + apiSection(root) + readme.slice(end + API_END.length);
}
