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

export const isExit = (command: string): boolean => /^\s*(exit|logout)(\s+\d+)?\s*$/.test(command);
