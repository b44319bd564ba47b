import type { CommandSpec, CompletionSpec } from './spec.js';

/** Shell completion scripts, generated from a completion spec; each names the version it came from. */

export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** Single-quoted for sh-like shells and fish. */
const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const words = (xs: readonly string[]) => q(xs.join(' '));
const flagWords = (c: CommandSpec) => c.flags.flatMap((f) => [`--${f.name}`, ...(f.char ? [`-${f.char}`] : [])]);
/** The shell-function-safe name of a command */
const fn = (bin: string) => `_${bin.replace(/[^A-Za-z0-9_]/g, '_')}`;

function bash(spec: CompletionSpec, header: string): string {
  const valueCases = spec.commands.flatMap((c) =>
    c.flags.filter((f) => f.values).flatMap((f) => [`    ${c.id}:--${f.name}${f.char ? `|${c.id}:-${f.char}` : ''}) COMPREPLY=($(compgen -W ${words(f.values!)} -- "$cur")); return ;;`]),
  );
  const fileFlags = spec.commands.flatMap((c) => c.flags.filter((f) => f.takesValue && !f.values).map((f) => `${c.id}:--${f.name}${f.char ? `|${c.id}:-${f.char}` : ''}`));
  const flagCases = spec.commands.map((c) => `    ${c.id}) opts=${words(flagWords(c))}${c.argValues ? `; args=${words(c.argValues)}` : ''} ;;`);
  return `${header}
${fn(spec.bin)}() {
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]} cmd=\${COMP_WORDS[1]} opts='' args=''
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W ${words([...spec.commands.map((c) => c.id), 'help', '--help', '--version'])} -- "$cur"))
    return
  fi
  case "$cmd:$prev" in
${valueCases.join('\n')}
    ${fileFlags.length > 0 ? fileFlags.join('|') : '__none__'}) COMPREPLY=($(compgen -f -- "$cur")); return ;;
  esac
  case "$cmd" in
${flagCases.join('\n')}
  esac
  if [[ $cur == -* ]]; then
    COMPREPLY=($(compgen -W "$opts" -- "$cur"))
  elif [ -n "$args" ]; then
    COMPREPLY=($(compgen -W "$args" -- "$cur"))
  else
    COMPREPLY=($(compgen -f -- "$cur"))
  fi
}
complete -o default -F ${fn(spec.bin)} ${spec.bin}
`;
}

function zsh(spec: CompletionSpec, header: string): string {
  const described = spec.commands.map((c) => `    ${q(`${c.id}:${c.summary.replace(/:/g, '\\:')}`)}`);
  const valueCases = spec.commands.flatMap((c) =>
    c.flags.filter((f) => f.values).map((f) => `    ${c.id}:--${f.name}${f.char ? `|${c.id}:-${f.char}` : ''}) compadd -- ${f.values!.map(q).join(' ')}; return ;;`),
  );
  const fileFlags = spec.commands.flatMap((c) => c.flags.filter((f) => f.takesValue && !f.values).map((f) => `${c.id}:--${f.name}${f.char ? `|${c.id}:-${f.char}` : ''}`));
  const flagCases = spec.commands.map((c) => `    ${c.id}) opts=(${flagWords(c).map(q).join(' ')})${c.argValues ? `; args=(${c.argValues.map(q).join(' ')})` : ''} ;;`);
  return `#compdef ${spec.bin}
${header}
${fn(spec.bin)}() {
  local -a commands opts args
  commands=(
${described.join('\n')}
  )
  if (( CURRENT == 2 )); then
    _describe command commands
    return
  fi
  local cmd=$words[2] prev=$words[CURRENT-1]
  case "$cmd:$prev" in
${valueCases.join('\n')}
    ${fileFlags.length > 0 ? fileFlags.join('|') : '__none__'}) _files; return ;;
  esac
  case "$cmd" in
${flagCases.join('\n')}
  esac
  if [[ $PREFIX == -* ]]; then
    compadd -- $opts
  elif (( $#args )); then
    compadd -- $args
  else
    _files
  fi
}
if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
  ${fn(spec.bin)} "$@"
else
  compdef ${fn(spec.bin)} ${spec.bin}
fi
`;
}

function fish(spec: CompletionSpec, header: string): string {
  const b = spec.bin;
  const lines = [header, `complete -c ${b} -f`];
  lines.push(`complete -c ${b} -n __fish_use_subcommand -l help -s h -d 'show help'`, `complete -c ${b} -n __fish_use_subcommand -l version -s v -d 'show the version'`);
  for (const c of spec.commands) lines.push(`complete -c ${b} -n __fish_use_subcommand -a ${q(c.id)} -d ${q(c.summary)}`);
  for (const c of spec.commands) {
    const when = `-n ${q(`__fish_seen_subcommand_from ${c.id}`)}`;
    if (c.argValues) lines.push(`complete -c ${b} ${when} -a ${words(c.argValues)}`);
    else lines.push(`complete -c ${b} ${when} -F`);
    for (const f of c.flags) {
      const value = f.values ? ` -x -a ${words(f.values)}` : f.takesValue ? ' -r -F' : '';
      lines.push(`complete -c ${b} ${when} -l ${f.name}${f.char ? ` -s ${f.char}` : ''}${value} -d ${q(f.summary)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** The completion script for `shell`. */
export function completionScript(shell: Shell, spec: CompletionSpec, version: string): string {
  const header = `# ${spec.bin} ${version} completion for ${shell}, generated from its commands and settings registry by \`${spec.bin} completion ${shell}\``;
  return { bash, zsh, fish }[shell](spec, header);
}
