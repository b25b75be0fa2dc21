// Sessions: `kubectl exec -it POD -- sh` reads the lines after it as typed inside the
// pod, up to `exit`. A shell on another machine (`ssh node01`, `vagrant ssh`, `docker
// exec -it`) or a database's prompt (`mysql`, `psql`) reads them too, but notes-run
// cannot type there: those lines are never run.
import type { RemoteShell } from '../../model.js';
import { splitCommandLine } from './command-line.js';
import { placeholderIn } from './templates.js';

/** `kubectl exec -it POD -- sh` and the like (with `k` written out): the lines after it are typed inside. */
export function opensInteractiveShell(command: string): boolean {
  if (command.includes('\n')) return false;
  if (!/\bkubectl\b.*\s(exec|run|attach|debug)\s/.test(command)) return false;
  if (!/\s(-it|-ti|-i|--stdin(=true)?|--tty(=true)?)(\s|$)/.test(command)) return false;
  if (command.includes('sh') && endsInBareShell(command)) return true;
  // `kubectl run -it --rm t --image=busybox`, `kubectl debug node/node01 -it --image=ubuntu`: no command, the image's shell.
  const image = /\s--image[=\s](\S+)/.exec(command)?.[1];
  return !/\s--(\s|$)/.test(command) && image !== undefined && /\s(run|debug)\s/.test(command) && OS_IMAGES.test(image.replace(/^['"]|['"]$/g, ''));
}

/** A shell with no command to run, maybe with a login or interactive flag: `sh`, `/bin/bash -l`. */
const endsInBareShell = (command: string): boolean => /(\s|--\s*)(\/usr)?(\/bin\/)?(sh|bash|ash|zsh)(\s+(-[il]|--login))*\s*$/.test(command);
const BARE_SHELL = /^(\/usr)?(\/bin\/)?(sh|bash|ash|zsh)$/;

/** ssh's options that take a value, so the destination is found after them. */
const SSH_VALUED = /^-[BbcDEeFIiJLlmOoPpQRSWw]$/;
const CONTAINER_TOOLS = /^(docker|podman|nerdctl)$/;
const CONTAINER_VALUED = /^(-[ewuvph]|--(name|env|user|workdir|volume|publish|network|entrypoint|mount|hostname|platform|env-file))$/;

/**
 * `ssh node01`, `vagrant ssh`, `minikube ssh`, `multipass shell`, `docker exec -it X sh`
 * with no command to run: the lines after it are typed on another machine (or in a
 * container this note does not start through the cluster), where notes-run cannot follow.
 */
export function remoteShellOf(command: string): RemoteShell | undefined {
  if (command.includes('\n') || !/ssh|shell|exec|run/.test(command)) return undefined;
  const line = splitCommandLine(command);
  // `ssh ‹본인 VM Public IP>`: the `>` closes a placeholder, it writes no file.
  if (line.commands.length !== 1 || (line.writesFile && placeholderIn(command) === undefined)) return undefined;
  const words = line.commands[0][0] === 'sudo' ? line.commands[0].slice(1) : line.commands[0];
  const [program, verb] = words;
  if (program === 'ssh') return sshDestination(words.slice(1), command);
  if (program === 'vagrant' && verb === 'ssh') {
    const rest = words.slice(2);
    if (rest.some((word) => /^-(c|-command)/.test(word)) || rest.length > 1) return undefined;
    return { host: rest[0] ?? 'the Vagrant machine', via: 'vagrant ssh' };
  }
  if (program === 'minikube' && verb === 'ssh') {
    let host = 'minikube';
    for (let i = 2; i < words.length; i++) {
      const [flag, value] = words[i].split('=', 2);
      if (!flag.startsWith('-')) return undefined;
      if (flag === '--') return undefined;
      const named = value ?? words[++i];
      if (/^(-n|--node|-p|--profile)$/.test(flag) && named !== undefined) host = named;
    }
    return { host, via: 'minikube ssh' };
  }
  if (program === 'multipass' && verb === 'shell') return words.length <= 3 ? { host: words[2] ?? 'primary', via: 'multipass shell' } : undefined;
  if (program === 'gcloud' && verb === 'compute' && words[2] === 'ssh') {
    const named = words.slice(3).filter((word) => !word.startsWith('-'));
    return words.some((word) => word.startsWith('--command')) || named.length !== 1 ? undefined : { host: named[0], via: 'gcloud compute ssh' };
  }
  if (program !== undefined && CONTAINER_TOOLS.test(program) && (verb === 'exec' || verb === 'run')) return containerShell(program, verb, words.slice(2));
  return undefined;
}

function sshDestination(args: string[], command: string): RemoteShell | undefined {
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (rest.length === 0 && args[i].startsWith('-')) {
      if (SSH_VALUED.test(args[i])) i++;
    } else rest.push(args[i]);
  }
  if (rest.length === 0) return undefined;
  // `ssh ‹본인 VM Public IP>`: the placeholder is the destination, however many words it has.
  const destination = placeholderIn(command) !== undefined ? command.slice(command.indexOf(rest[0])).trim() : rest.length === 1 ? rest[0] : undefined;
  if (destination === undefined) return undefined;
  return { host: destination.replace(/^[^@\s]+@(?=\S)/, ''), via: 'ssh' };
}

/** `docker exec -it web sh`, `docker run -it --rm busybox`: a shell in a container the cluster does not run. */
function containerShell(program: string, verb: string, args: string[]): RemoteShell | undefined {
  let interactive = false;
  let name: string | undefined;
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    if (positional.length === 0 && word.startsWith('-')) {
      if (/^-[a-z]*[it][a-z]*$/.test(word) && /i/.test(word)) interactive = true;
      if (word === '--interactive' || word === '--tty') interactive = true;
      if (word === '--name') name = args[i + 1];
      if (CONTAINER_VALUED.test(word)) i++;
    } else positional.push(word);
  }
  const [target, ...inner] = positional;
  if (!interactive || target === undefined) return undefined;
  // `exec` needs a command; a bare shell (maybe with `-l`) is a session, anything else runs once.
  const shell = inner.filter((word) => !/^(-[il]|--login)$/.test(word));
  // `run` with no command starts the image's own: a shell only for an OS image (`docker run -it --rm -p 8080:80 nginx` serves).
  const bareShell = shell.length === 1 && BARE_SHELL.test(shell[0]);
  if (!bareShell && !(verb === 'run' && shell.length === 0 && OS_IMAGES.test(target))) return undefined;
  return { host: verb === 'exec' ? target : (name ?? `a ${target} container`), via: `${program} ${verb}` };
}

const OS_IMAGES = /^(?:[\w.-]+\/)?(?:busybox|alpine|ubuntu|debian|centos|fedora|rockylinux|almalinux|amazonlinux)(?::[\w.-]+)?$/;

/** Database clients whose prompt a person types at. */
const DATABASE_CLIENTS = new Set(['mysql', 'mariadb', 'psql', 'redis-cli', 'mongosh', 'mongo', 'sqlite3', 'cqlsh']);
/** The flags that give a client its query or script, so it prints and ends instead of prompting. */
const QUERY_FLAGS = /^(-e|--execute|-c|--command|-f|--file|--eval|-l|--list)(=|$)|^-e./;
/** redis-cli's options that take a value: a word after the others is a command for it to run. */
const REDIS_VALUED = /^(-h|-p|-a|-n|-u|-s|--user|--pass)$/;

/**
 * The database client whose prompt the command opens (`kubectl exec -it mysql-0 --
 * mysql -uroot -p`, `psql -U postgres`), when it gets no query: the lines typed at its
 * prompt are SQL or redis commands, never the shell's.
 */
export function databasePromptOf(command: string): string | undefined {
  if (command.includes('\n') || !/mysql|maria|psql|redis|mongo|sqlite|cqlsh/.test(command)) return undefined;
  const line = splitCommandLine(command);
  if (line.commands.length !== 1 || /<|\|/.test(command)) return undefined;
  let words = line.commands[0];
  if (words[0] === 'kubectl' || (words[0] !== undefined && CONTAINER_TOOLS.test(words[0]))) {
    if (!words.some((word) => /^-[a-z]*i[a-z]*$/.test(word) || word === '--stdin' || word === '--interactive')) return undefined;
    const dashes = words.indexOf('--');
    words = dashes !== -1 ? words.slice(dashes + 1) : words.slice(words.findIndex((word) => DATABASE_CLIENTS.has(word.replace(/^.*\//, ''))));
  }
  const client = words[0]?.replace(/^.*\//, '');
  if (client === undefined || !DATABASE_CLIENTS.has(client)) return undefined;
  const args = words.slice(1);
  if (args.some((word) => QUERY_FLAGS.test(word))) return undefined;
  if (client === 'redis-cli') {
    const positional = args.filter((word, i) => !word.startsWith('-') && !(i > 0 && REDIS_VALUED.test(args[i - 1])));
    if (positional.length > 0) return undefined;
  }
  if (client === 'sqlite3' && args.filter((word) => !word.startsWith('-')).length > 1) return undefined;
  return client;
}

export const isExit = (command: string): boolean => /^\s*(exit|logout)(\s+\d+)?\s*$/.test(command);

/** A bare `exit`: the session ends with the status of the command typed before it. */
export const exitsWithLastStatus = (command: string): boolean => /^\s*(exit|logout)\s*$/.test(command);
