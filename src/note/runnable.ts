import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

// Output pasted raw under a command (`NAME  READY ...`, `pod "x" deleted`) is told apart
// from the next command by its first word: a command starts with something a shell
// can run. The PATH alone is not enough: notes name tools this machine may lack
// (kubectl on CI, docker on a k3s laptop), so well-known CLIs count as runnable too.

const SHELL_WORDS = new Set(
  (
    'if then else elif fi case esac for select while until do done in function time { } ! [[ ]] ' +
    ': . source alias bg bind break builtin caller cd command compgen complete continue declare dirs ' +
    'disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local ' +
    'logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt suspend test ' +
    'times trap true type typeset ulimit umask unalias unset wait ['
  ).split(' '),
);

const KNOWN_TOOLS = new Set(
  (
    'kubectl k helm kustomize k3d k3s kind minikube docker podman nerdctl crictl ctr colima limactl ' +
    'curl wget ping nslookup dig host nc netcat telnet ssh scp openssl jq yq git make npm npx node ' +
    'python python3 pip go java sleep cat ls cp mv rm mkdir rmdir touch ln chmod chown head tail grep ' +
    'egrep sed awk cut sort uniq wc tr tee xargs find watch env printenv export base64 date less more ' +
    'vi vim nano code open xdg-open sh bash zsh ash clear sudo apt apt-get brew snap systemctl journalctl ' +
    'ps top free df du uname hostname whoami id ip ifconfig netstat ss lsof diff patch tar gzip unzip ' +
    'zip stern k9s kubens kubectx skaffold tilt terraform aws gcloud az eksctl htpasswd sha256sum md5sum ' +
    // Typed inside a pod's shell, where the host's PATH says nothing.
    'apk yum dnf busybox getent traceroute tracepath route arp iptables mount psql mysql redis-cli mongosh mongo'
  ).split(' '),
);

export interface RunnableCheck {
  (word: string): boolean;
}

/** A check that answers for the PATH given, remembering each answer. */
export function runnableOnPath(path = process.env.PATH ?? ''): RunnableCheck {
  const known = new Map<string, boolean>();
  return (word) => {
    let answer = known.get(word);
    if (answer === undefined) {
      answer = findExecutable(word, path) !== undefined;
      known.set(word, answer);
    }
    return answer;
  };
}

/** Where `name` is on the PATH given, like `command -v`; undefined when nowhere. */
export function findExecutable(name: string, path: string): string | undefined {
  return path
    .split(delimiter)
    .filter(Boolean)
    .map((dir) => join(dir, name))
    .find(isExecutable);
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Whether a line starts like a command rather than like pasted output. */
export function startsLikeCommand(line: string, onPath: RunnableCheck, defined: ReadonlySet<string>): boolean {
  const text = line.trim();
  const word = text.split(/[\s;|&<>]/, 1)[0];
  // kubectl's report of a failed exec starts with the `command` builtin's name.
  if (word === 'command') return !/^command terminated with exit code \d+$/.test(text);
  if (SHELL_WORDS.has(word) || KNOWN_TOOLS.has(word) || defined.has(word)) return true;
  if (/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(text)) return true;
  if (/^(function\s+)?[A-Za-z_][\w-]*\s*\(\)/.test(text)) return true;
  if (/^[$({]/.test(text) && !/^\(.*\)$/.test(text)) return true;
  if (word === '') return false;
  if (/^(\.{0,2}\/|~\/)/.test(word)) return !/[,:]$/.test(word);
  if (!/^[A-Za-z0-9_.+-]+$/.test(word)) return false;
  return onPath(word);
}

/** Names a note defines for later lines: functions and aliases. */
export function definedNames(command: string): string[] {
  const names: string[] = [];
  if (!command.includes('()') && !command.includes('alias')) return names;
  for (const m of command.matchAll(/(?:^|[;\s])(?:function\s+)?([A-Za-z_][\w-]*)\s*\(\)\s*\{?/g)) names.push(m[1]);
  for (const m of command.matchAll(/(?:^|[;\s])alias\s+([A-Za-z_][\w-]*)=/g)) names.push(m[1]);
  return names;
}
