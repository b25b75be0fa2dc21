// Notes are written in `default`; a run works in a namespace of its own (SPEC §3). Where a
// command names `default` as a namespace (`-n default`, `--namespace=default`) or as the
// namespace part of a Service's DNS name (`web.default`, `web.default.svc.cluster.local`),
// the run says the run's namespace instead, so the command reaches the note's own objects.
// The `kubernetes` Service is the exception: it lives in the context's real `default` only.

const NAMESPACE_FLAG = /(^|[\s;&|(])(-n|--namespace)(=|\s+)default(?=$|[\s;&|)])/g;
const SERVICE_NAME = /(^|[^\w.-])(?!kubernetes\.)([a-z0-9](?:[-a-z0-9]*[a-z0-9])?)\.default(?=\.svc\b|$|[\s:/'"`;&|)])/g;

/** Whether the command names `default` as a namespace a run namespace stands for. */
export function namesDefaultNamespace(command: string): boolean {
  return inRunNamespace(command, '\0') !== command;
}

/** The command as it runs in `namespace`: every `default` it names, said of that namespace. */
export function inRunNamespace(command: string, namespace: string): string {
  return command
    .replace(NAMESPACE_FLAG, (_all, before: string, flag: string, between: string) => `${before}${flag}${between}${namespace}`)
    .replace(SERVICE_NAME, (_all, before: string, name: string) => `${before}${name}.${namespace}`);
}
