import { execa } from 'execa';
import { spawnSync } from 'node:child_process';

/** Whether python3 (used for its pty module) is on this machine. */
export const HAS_PYTHON = spawnSync('python3', ['-c', 'import pty'], { stdio: 'ignore' }).status === 0;

/** Key sequences a terminal sends. */
export const KEY = { enter: '\r', down: '\x1b[B', space: ' ', killLine: '\x15', ctrlC: '\x03' } as const;

// Runs a command on a pseudo-terminal: for each step it waits until the screen text (escape
// sequences removed) shows the pattern, then types the keys; at the end it prints the whole
// screen text and exits with the command's status (99 when a pattern never appeared).
const DRIVER = String.raw`
import json, os, pty, re, select, sys, time
argv, steps, cwd = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
pid, fd = pty.fork()
if pid == 0:
    os.chdir(cwd)
    os.execvp(argv[0], argv)
ANSI = re.compile(r'\x1b\[[0-9;?]*[A-Za-z]')
raw, seen = b'', 0
def pump(timeout):
    global raw
    ready, _, _ = select.select([fd], [], [], max(timeout, 0))
    if not ready: return False
    try: data = os.read(fd, 65536)
    except OSError: data = b''
    if not data: return None
    raw += data
    return True
def screen(): return ANSI.sub('', raw.decode('utf8', 'replace'))
for expect, keys in steps:
    deadline = time.time() + 60
    while True:
        m = re.compile(expect).search(screen(), seen)
        if m:
            seen = m.end()
            break
        if time.time() > deadline or pump(deadline - time.time()) is None:
            sys.stdout.write(screen())
            sys.stdout.write('\n[pty driver: %r never appeared]\n' % expect)
            os.kill(pid, 9)
            sys.exit(99)
    os.write(fd, keys.encode())
while pump(60): pass
_, status = os.waitpid(pid, 0)
sys.stdout.write(screen())
sys.exit(os.waitstatus_to_exitcode(status))
`;

/** Run argv on a pseudo-terminal in cwd, answering each [pattern, keys] step in turn. */
export async function drive(argv: readonly string[], steps: readonly (readonly [string, string])[], cwd: string) {
  const r = await execa('python3', ['-c', DRIVER, JSON.stringify(argv), JSON.stringify(steps), cwd], { reject: false });
  return { screen: String(r.stdout), exitCode: r.exitCode ?? -1 };
}
