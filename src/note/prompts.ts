// Shell prompts pasted in front of commands, in the shapes study notes show them. A
// prompt is never part of the command; a line typed at a prompt that is not a shell's
// (`mysql>`, `>>>`) is never run.

/** The characters a prompt can start with. */
const PROMPT_STARTS = /^[\w.~/$%❯›»λ➜([-]|^I have/u;

/** What a line's prompt says about it. */
export interface Prompt {
  /** `host`: the author's own shell; `container`: a shell inside a pod; `foreign`: another program's prompt. */
  kind: 'host' | 'container' | 'foreign';
  /** The line without its prompt ('' for a bare prompt such as `bash>`). */
  rest: string;
  /** `user@host` or the machine's name when the prompt shows them: a session knows its host by it. */
  who?: string;
  /** The machine a prompt names (`node01` in `root@node01:~# `, `node01 $ `): lines at it are typed there. */
  machine?: string;
  /** For a `foreign` prompt: the program it belongs to, when the prompt says (`mysql`, `psql`, `redis`). */
  program?: string;
}

const SHELL_NAMES = /^(?:ba|z|a|k|fi|tc|c)?sh$/;

// Each pattern matches a whole prompt, including the spaces after it.
const HOST_PROMPTS: RegExp[] = [
  // kube-ps1 or a virtualenv in front: `(⎈|k3d-dev:default) $ `.
  /^\((?:⎈|venv|\.?venv|[\w.-]+)[^)]*\)\s+(?=\S)/u,
  // `$ `, `$> `, `% ` (zsh), `> ` is left alone: it continues a command.
  /^[$%]>?(?:\s+|$)/,
  // oh-my-zsh: `➜  dir `, `➜  k8s git:(main) ✗ `.
  /^➜\s+\S+(?:\s+git:\([^)]*\))?(?:\s+✗)?\s+(?=\S)/u,
  /^[❯›»λ➜](?:\s+|$)/u,
  // PowerShell and cmd.exe: `PS C:\> `, `PS C:\Users\me\k8s> `, `C:\k8s> `.
  /^(?:PS\s+)?[A-Za-z]:\\[^>]*>\s*/,
  // `user@host:~/dir$ `, `root@controlplane:~# `, `user@host dir % `, `[user@host dir]$ `.
  /^[\w.-]+@[\w.-]+(?::[^\s$#%]*)?\s*[$#%]\s*/,
  /^[\w.-]+@[\w.-]+\s+[^\s$#%]+\s+[$#%]\s*/,
  /^\[[\w.-]+@[\w.-]+(?:\s+[^\]]*)?\]\s*[$#]\s*/,
  // killercoda and friends: `controlplane $ `, `node01:~$ `, `master $ `, `bash$ `, `bash> `.
  /^[\w.-]+(?::[~/][^\s$#]*)?(?:>|\s?\$)(?:\s+|$)/,
];

/** Database shells' prompts, and the program each belongs to. */
const DATABASE_PROMPTS: [RegExp, string][] = [
  // psql: `postgres=# `, `mydb=> `, and its continuation prompts `postgres-# `, `postgres(# `.
  [/^[\w-]+[=\-('"][#>](?:\s+|$)/, 'psql'],
  // redis-cli: `127.0.0.1:6379> `, `redis:6379[1]> `, `redis> `.
  [/^(?:[\w.-]+:\d+(?:\[\d+\])?|redis)>(?:\s+|$)/, 'redis-cli'],
  [/^(?:mysql|MariaDB \[[^\]]*\])>(?:\s+|$)/, 'mysql'],
];

const CONTAINER_PROMPTS: RegExp[] = [
  /^[\w.-]+@[\w.-]+:[~/][^\s#$]*\s*#\s*/,
  /^I have no name!@[\w.-]+:[^\s#$]*\s*[#$]\s*/,
  /^\[[\w.-]+@[\w.-]+\s+[^\]]*\]#\s*/,
  /^(?:ba|z|a)?sh-[\d.]+[#$]\s*/,
  // `/ # `, `/var/log/containers # `, `/app $ `, `~ # `.
  /^[~/][^\s#$]*\s+[#$](?:\s+|$)/,
];
/** Outside a session only `/ # ` and `~ # ` are plainly a prompt: `/usr/bin/env # which` is a command and its comment. */
const BARE_DIRECTORY_PROMPT = /^[~/]\s+[#$](?:\s+|$)/;

/** The prompt in front of `line`, if it has one. */
export function promptOf(line: string, inSession = false): Prompt | undefined {
  const text = line.trimStart();
  const first = text.charCodeAt(0);
  // Most lines of a note start with a lowercase command word and no prompt character near it.
  if (first >= 97 && first <= 122 && !/^[\w.-]*(?:@|>|\s?\$|:[~/]|[=('"-][#>]|:\d+[>[])/.test(text)) return undefined;
  // Nor does a line whose first character no prompt starts with (`NAME  READY`, `{`, `10.42.0.5`).
  if (!PROMPT_STARTS.test(text)) return undefined;
  for (const [pattern, program] of DATABASE_PROMPTS) {
    const match = pattern.exec(text);
    if (match) return { kind: 'foreign', rest: text.slice(match[0].length).trimEnd(), program };
  }
  for (const pattern of CONTAINER_PROMPTS) {
    // Outside a session `root@k8s-ctr:~# ` is the author's own root shell; `root@nginx:/# ` is still a container's.
    if (!inSession && pattern === CONTAINER_PROMPTS[0] && !/^[\w.-]+@[\w.-]+:\//.test(text)) continue;
    if (!inSession && pattern === CONTAINER_PROMPTS[CONTAINER_PROMPTS.length - 1] && !BARE_DIRECTORY_PROMPT.test(text)) continue;
    // `[root@m-k8s ~]# ` outside a session is a CentOS machine's root shell: the author's own, or another node.
    if (!inSession && pattern === CONTAINER_PROMPTS[2]) continue;
    const match = pattern.exec(text);
    if (match) return { kind: 'container', rest: text.slice(match[0].length).trimEnd(), ...who(match[0]) };
  }
  for (const pattern of HOST_PROMPTS) {
    const match = pattern.exec(text);
    if (!match) continue;
    const rest = text.slice(match[0].length).trimEnd();
    // `(venv) ` counts only in front of a prompt: `(1/2) Installing` is output.
    if (pattern === HOST_PROMPTS[0]) {
      const inner = promptOf(rest);
      if (inner) return inner;
      continue;
    }
    const name = /^([\w.-]+)\s?[$>]/.exec(match[0])?.[1];
    // `mysql> `, `redis> `: another program reads that line. `bash> ` is still bash.
    if (name !== undefined && !match[0].includes('@') && match[0].trimEnd().endsWith('>') && !SHELL_NAMES.test(name)) {
      return { kind: 'foreign', rest, program: name };
    }
    return { kind: 'host', rest, ...who(match[0]) };
  }
  return undefined;
}

/** Whose prompt it is: `user@host`, or the machine a `controlplane $ `, `node01:~$ ` prompt names. */
function who(prompt: string): { who?: string; machine?: string } {
  const found = /([\w.-]+@[\w.-]+)/.exec(prompt)?.[1] ?? /^([\w.-]+)(?::[~/][^\s$#]*)?\s?\$/.exec(prompt)?.[1];
  if (!found) return {};
  // `bash$ ` names a shell, not a machine; `root@node01` and `node01` are the same machine.
  const machine = found.slice(found.indexOf('@') + 1);
  return SHELL_NAMES.test(machine) ? { who: found } : { who: found, machine };
}

/**
 * The first line of a two-line prompt: a line holding only a path, or `user host path`
 * (Git Bash's `me@laptop MINGW64 ~/k8s (main)`), right before a line starting with `λ`,
 * `❯` or `$`.
 */
export function isPromptHeader(line: string, next: string | undefined): boolean {
  if (next === undefined || !/^\s*[λ❯$➜]\s/u.test(next)) return false;
  const text = line.trim();
  return (
    /^(?:~|\/|[A-Za-z]:\\)[^\s]*(?:\s+(?:on\s+)?\S*\s*\([^)]*\))?(?:\s+on\s+\S+.*)?$/u.test(text) ||
    /^[\w.-]+@[\w.-]+(?:\s+\S+){0,3}$/.test(text)
  );
}
