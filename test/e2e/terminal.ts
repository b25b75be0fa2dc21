import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { root, type Workspace } from './workspace.js';

// The CLI on a pseudo-terminal, as a user sees it: `script` (util-linux) gives it a tty
// for stdin, stdout and stderr, and what it draws is replayed into the lines of a screen
// (carriage returns, erased lines), so a test reads what stays visible, not the bytes.

export interface Answer {
  /** Type `send` once the screen shows `after` for the `nth` time (1 by default). */
  after: string;
  send: string;
  nth?: number;
}

export interface Terminal {
  /** The screen's lines once the program ended, colours removed. */
  screen: string;
  /** Everything written to the terminal, escape codes and all. */
  raw: string;
  status: number | null;
}

const CLI = join(root, 'dist', 'cli.js');

export function inTerminal(ws: Workspace, args: string[], options: { answers?: Answer[]; env?: NodeJS.ProcessEnv; columns?: number } = {}): Promise<Terminal> {
  const quoted = [process.execPath, CLI, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const command = `stty cols ${options.columns ?? 120} rows 50; exec ${quoted}`;
  const env = { ...ws.env, TERM: 'xterm', ...options.env };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  const child = spawn('script', ['-qefc', command, '/dev/null'], { cwd: ws.dir, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const answers = [...(options.answers ?? [])];
  let raw = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    raw += chunk;
    const next = answers[0];
    if (next && screenText(raw).split(next.after).length - 1 >= (next.nth ?? 1)) {
      answers.shift();
      child.stdin.write(next.send);
    }
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no exit within 90 s; the screen:\n${screenText(raw)}`));
    }, 90_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ screen: screenText(raw), raw, status });
    });
  });
}

/** Replays a terminal's output into its screen lines: `\r` returns, `ESC[K` erases to the end, colours are dropped. */
export function screenText(raw: string): string {
  const lines: string[] = [];
  let line: string[] = [];
  let column = 0;
  const tokens = raw.match(/\u001b\[[0-9;?]*[A-Za-z]|\r|\n|[^\u001b\r\n]/gu) ?? [];
  for (const token of tokens) {
    if (token === '\r') column = 0;
    else if (token === '\n') {
      lines.push(line.join('').trimEnd());
      line = [];
      column = 0;
    } else if (token === '\u001b[K') line = line.slice(0, column);
    else if (token.startsWith('\u001b')) continue;
    else {
      while (line.length < column) line.push(' ');
      line[column++] = token;
    }
  }
  if (line.length > 0) lines.push(line.join('').trimEnd());
  return lines.join('\n');
}
