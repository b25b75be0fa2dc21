// Interactive sessions: `kubectl exec -it POD -- sh` reads the lines after it as typed
// inside the pod, up to `exit`.

/** `kubectl exec -it POD -- sh` and the like (with `k` written out): the lines after it are typed inside. */
export function opensInteractiveShell(command: string): boolean {
  if (command.includes('\n') || !command.includes('sh')) return false;
  if (!/\b(kubectl|docker|podman|nerdctl)\b.*\s(exec|run|attach|debug)\s/.test(command)) return false;
  if (!/\s(-it|-ti|-i|--stdin(=true)?|--tty(=true)?)(\s|$)/.test(command)) return false;
  // A shell with no command to run, maybe with a login or interactive flag: `sh`, `/bin/bash -l`.
  return /(\s|--\s*)(\/usr)?(\/bin\/)?(sh|bash|ash|zsh)(\s+(-[il]|--login))*\s*$/.test(command);
}

/**
 * `ssh node01`, `vagrant ssh`, `minikube ssh` with no command to run: the lines after it
 * are typed on another machine, where notes-run cannot follow.
 */
export function opensRemoteShell(command: string): boolean {
  if (command.includes('\n') || !/ssh|multipass/.test(command)) return false;
  if (/^\s*(sudo\s+)?ssh\s/.test(command)) {
    // Options, then the host, and nothing after it.
    const words = command.trim().split(/\s+/).slice(command.trim().startsWith('sudo') ? 2 : 1);
    const rest = words.filter((word, i) => !word.startsWith('-') && !(i > 0 && /^-[ioplFJLRDwWbcemOQSE]$/.test(words[i - 1])));
    return rest.length === 1;
  }
  return /^\s*(vagrant\s+ssh(\s+[\w.-]+)?|minikube\s+ssh|multipass\s+shell(\s+[\w.-]+)?)\s*$/.test(command);
}

export const isExit = (command: string): boolean => /^\s*(exit|logout)(\s+\d+)?\s*$/.test(command);

/** A bare `exit`: the session ends with the status of the command typed before it. */
export const exitsWithLastStatus = (command: string): boolean => /^\s*(exit|logout)\s*$/.test(command);
