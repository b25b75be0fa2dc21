// Names kube contexts get from tools that run a cluster on this machine. A note runs
// `kubectl delete`; anything else needs the user to name the context on purpose.
const LOCAL_CONTEXTS = [/^k3d-/, /^kind-/, /^minikube$/, /^docker-desktop$/, /^rancher-desktop$/, /^orbstack$/, /^colima/, /^default$/];

export function looksLocal(context: string): boolean {
  return LOCAL_CONTEXTS.some((pattern) => pattern.test(context));
}

/** `--context NAME` or a config entry allows a context; config entries may use `*`. */
export function isAllowed(context: string, allowed: readonly string[]): boolean {
  return allowed.some((entry) => new RegExp(`^${entry.split('*').map(escape).join('.*')}$`).test(context));
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
