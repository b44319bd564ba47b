/**
 * The ```xml fenced blocks of a Markdown file, each padded with blank lines so that
 * positions found in the block are positions in the Markdown file.
 */
export function xmlBlocksOfMarkdown(text: string): string[] {
  const lines = text.split('\n');
  const blocks: string[] = [];
  let start = -1;
  for (let i = 0; i < lines.length; i++) {
    const fence = /^\s*```\s*(\S*)/.exec(lines[i]!);
    if (!fence) continue;
    if (start < 0 && fence[1]!.toLowerCase() === 'xml') start = i + 1;
    else if (start >= 0) {
      blocks.push('\n'.repeat(start) + lines.slice(start, i).join('\n'));
      start = -1;
    }
  }
  return blocks;
}

export const isMarkdownPath = (path: string): boolean => /\.(md|markdown)$/i.test(path);
