import type { CommandFacts } from '../model.js';
import type { CompareSettings, ReadLine } from './comparable-lines.js';
import { looksLikeHeader } from './match-lines.js';

// Isolation is invisible to the note (SPEC §3): notes are written in `default`, and a
// fresh `default` namespace holds objects a run namespace never has — the `kubernetes`
// Service the API server keeps there, and its Endpoints and EndpointSlice. What the note
// documents of them is set aside from the comparison (and so kept as written by
// `--update`); what only the run namespace prints in their place (`No resources found in
// notes-run-… namespace.`) is set aside too. Each kind of object is one entry, named on
// the step that needed it.

/** What isolation needs of a command's facts: its kubectl and the namespaces its output names. */
export type IsolatedCommand = Partial<Pick<CommandFacts, 'kubectl' | 'namespaces'>>;

interface ContextObject {
  /** Named on the step, in reports and JSON (`isolation`). */
  id: string;
  /** Why the run namespace lacks it. */
  why: string;
  /** The kubectl objects (`svc`, `all`) whose output lists it. */
  listedBy: RegExp;
  /** A line of `get` (table, `-o name`) or `delete` output that is about it, as the note writes it. */
  line: RegExp;
}

const CONTEXT_OBJECTS: readonly ContextObject[] = [
  {
    id: 'context-kubernetes-service',
    why: 'the `kubernetes` Service lives in the context\'s own `default` namespace, never in a run namespace',
    listedBy: /^(svc|services?|all)$|(^|,)(svc|services?)(,|$)|^service\//,
    line: /^(?:service\/)?kubernetes(?:\s+ClusterIP\s+\S+\s+\S+\s+\d+\/TCP\b.*)?$|^service "kubernetes" (?:force )?deleted(?: from default namespace)?$/,
  },
  {
    id: 'context-kubernetes-endpoints',
    why: 'the `kubernetes` Service\'s Endpoints and EndpointSlice live in the context\'s own `default` namespace only',
    listedBy: /^(ep|endpoints|endpointslices?(\.discovery\.k8s\.io)?)$|(^|,)(ep|endpoints|endpointslices?)(,|$)/,
    line: /^(?:endpoints\/|endpointslice\.discovery\.k8s\.io\/)?kubernetes(?:\s+(?:IPv4\s+\d+(?:,\d+)*\s+)?\S+\s+\S+)?$|^endpoints? "kubernetes" deleted(?: from default namespace)?$/,
  },
];

const NO_RESOURCES_IN_DEFAULT = 'No resources found in default namespace.';

export interface Isolated {
  documented: ReadLine[];
  actual: ReadLine[];
  /** The context objects that explained lines: set aside on the documented side. */
  explained: string[];
  /**
   * The run namespace printed what is true of it only (`No resources found`) where the note
   * shows none of the context's objects to keep: nothing of this output may be rewritten from it.
   */
  unwritable?: true;
}

/** Both sides with what only a fresh `default` namespace holds set aside; undefined when nothing was. */
export function setAsideContextObjects(documented: ReadLine[], actual: ReadLine[], command: IsolatedCommand, settings: CompareSettings): Isolated | undefined {
  if (!isolatedFromDefault(command, settings)) return undefined;
  const objects = command.kubectl?.objects ?? [];
  const verb = command.kubectl?.verb;
  if (verb === 'describe') return describedApart(documented, actual, objects);
  if (verb !== 'get' && verb !== 'delete') return undefined;
  const relevant = CONTEXT_OBJECTS.filter((object) => objects.some((word) => object.listedBy.test(word)));
  if (relevant.length === 0) return undefined;
  const explained = new Set<string>();
  const onlyInDefault = (line: ReadLine) => {
    const object = relevant.find((candidate) => candidate.line.test(line.text.replace(/\s+/g, ' ').trim()) && !actual.some((other) => other.key === line.key));
    if (object) explained.add(object.id);
    return object !== undefined;
  };
  let want = documented.filter((line) => !onlyInDefault(line));
  let got = actual;
  // Where `default` lists its own objects under a header, the run namespace says it has none:
  // the header answers to that line, which is true of the run namespace only and never written into a note.
  const nothing = actual.findIndex((line) => line.inNote === NO_RESOURCES_IN_DEFAULT);
  if (nothing !== -1) {
    want = want.filter((line) => !looksLikeHeader(line.key));
    got = actual.filter((_, i) => i !== nothing);
  }
  if (explained.size === 0 && nothing === -1) return undefined;
  return { documented: trimBlank(want), actual: trimBlank(got), explained: [...explained], ...(explained.size === 0 ? { unwritable: true as const } : {}) };
}

/**
 * `describe svc` with no name describes every Service of the namespace, `kubernetes`
 * first: its block (from its `Name:` line to the next object's) is set aside.
 */
function describedApart(documented: ReadLine[], actual: ReadLine[], objects: string[]): Isolated | undefined {
  const object = objects.length === 1 ? CONTEXT_OBJECTS.find((candidate) => candidate.listedBy.test(objects[0]) && objects[0] !== 'all') : undefined;
  if (!object) return undefined;
  const start = documented.findIndex((line) => line.key === 'Name: kubernetes');
  if (start === -1 || actual.some((line) => line.key === 'Name: kubernetes')) return undefined;
  const next = documented.findIndex((line, i) => i > start && line.key.startsWith('Name: '));
  const want = [...documented.slice(0, start), ...(next === -1 ? [] : documented.slice(next))];
  return { documented: trimBlank(want), actual, explained: [object.id] };
}

/** Blank lines left at either end once lines were set aside. */
function trimBlank(lines: ReadLine[]): ReadLine[] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].key === '') start++;
  while (end > start && lines[end - 1].key === '') end--;
  return lines.slice(start, end);
}

/**
 * `describe service kubernetes`, `get svc kubernetes`: the note shows the object, the run
 * namespace has none. The step holds when that NotFound is all that differs.
 */
export function contextObjectNotFound(actual: string, command: IsolatedCommand, settings: CompareSettings): string | undefined {
  if (!isolatedFromDefault(command, settings)) return undefined;
  const { verb, objects = [] } = command.kubectl ?? {};
  if (verb !== 'get' && verb !== 'describe') return undefined;
  const [kind, name] = objects.length === 1 ? objects[0].split('/') : objects;
  if (name !== 'kubernetes') return undefined;
  const lines = actual.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('Warning: '));
  const service = /^(svc|services?)$/.test(kind) && /^Error from server \(NotFound\): services "kubernetes" not found$/;
  const endpoints = /^(ep|endpoints|endpointslices?)$/.test(kind) && /^Error from server \(NotFound\): (endpoints|endpointslices\.discovery\.k8s\.io) "kubernetes" not found$/;
  const found = service || endpoints;
  if (!found || lines.length !== 1 || !found.test(lines[0])) return undefined;
  return service ? CONTEXT_OBJECTS[0].id : CONTEXT_OBJECTS[1].id;
}

/** Why each context object is missing from a run namespace, by id. */
export function isolationReason(id: string): string {
  return CONTEXT_OBJECTS.find((object) => object.id === id)?.why ?? id;
}

/** The run works in a namespace other than `default`, and the command's output is about its own namespace. */
function isolatedFromDefault(command: IsolatedCommand, settings: CompareSettings): boolean {
  if (!settings.namespace || settings.namespace === 'default') return false;
  const namespaces = command.namespaces ?? ['default'];
  return namespaces !== 'any' && namespaces.includes('default');
}
