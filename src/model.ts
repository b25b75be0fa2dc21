// The few types that cross stage boundaries: note (parse) → run → compare → report/update.

/** A problem tied to a place in a note, printed as `file:line:column message`. */
export interface NoteMessage {
  line: number;
  column: number;
  message: string;
  severity: 'error' | 'hint';
  /** The note could not be read (or its snapshot could not): nothing in it was judged. */
  fatal?: true;
}

export type OutputStyle = 'comment' | 'heredoc' | 'raw';

/** What the author wrote under a command as the output they saw. */
export interface DocumentedOutput {
  /** Output text with the `#` prefixes or `:'` markers removed, lines joined by `\n`. */
  text: string;
  style: OutputStyle;
  /** 1-based note lines holding the output text itself (without `:'` and `'`). */
  firstLine: number;
  lastLine: number;
  /** A trailing `%` was read as zsh's no-final-newline mark; it may have been real output (`0%`). */
  droppedZshMark?: boolean;
}

/** How the documented output says the command ended. */
export type ExpectedExit = { kind: 'success' } | { kind: 'code'; code: number } | { kind: 'failure' };

export interface Context {
  /** Heading texts from the top level down to the nearest heading above the block. */
  headings: string[];
  /** Text of the list item (or paragraph) right above the block. */
  text: string;
}

/** How the lines a command prints are ordered, where comparing needs to know. */
export type Ordering = 'ordered' | 'table' | 'unordered';

/** What a kubectl invocation asks for. */
export interface KubectlFacts {
  /** The subcommand (`get`, `apply`, `exec`), after any global flags. */
  verb?: string;
  /** The second word of a two-word subcommand (`rollout status`, `config view`). */
  subverb?: string;
  flags: string[];
  /** `-f`/`--filename` values as written. */
  files: string[];
  /** `-o`/`--output` format (`wide`, `yaml`, `jsonpath`, `name`). */
  output?: string;
  /** The words after `--` (`exec POD -- nslookup x`). */
  inner?: string[];
  /** What follows the format in `-o jsonpath=...`, `-o custom-columns=...`. */
  outputTemplate?: string;
  /** The words after the verb that are not flags (`get svc web` → `svc`, `web`), lower-cased. */
  objects: string[];
}

/**
 * What a command is, worked out once from its text when the note is parsed: run/,
 * compare/, yaml/ and update/ read these facts and never parse the text again.
 */
export interface CommandFacts {
  /** The program the command starts first (after assignments), `k` read as kubectl; none for a bare assignment. */
  program?: string;
  /** The first kubectl the command runs, when it runs one. */
  kubectl?: KubectlFacts;
  /** Ends in `&`: the shell is back at once while the job goes on printing. */
  background: boolean;
  /** May leave a process running after it (`&` anywhere, `nohup`). */
  leavesJob: boolean;
  /** Runs until stopped (port-forward, logs -f, get -w, a loop with no end). */
  longRunning: boolean;
  /** A loop the shell itself runs forever (`while true; do ...; done`): it must run in a subshell to be stopped. */
  loopsForever: boolean;
  /** Changes nothing anywhere: it may be run again. */
  readOnly: boolean;
  /** A read-only kubectl command: its output may still be converging, so it may be re-run. */
  readsCluster: boolean;
  ordering: Ordering;
  /** `kubectl exec -it POD -- sh`: the lines after it are typed inside. */
  opensSession: boolean;
  /** `ssh node01`, `vagrant ssh`, `docker exec -it X sh`: the lines after it are typed on another machine. */
  remoteShell?: RemoteShell;
  /** The database client whose prompt it opens (`kubectl exec -it mysql-0 -- mysql -p`): lines typed there are not the shell's. */
  opensDatabase?: string;
  /** `printenv`, `env`: prints an environment in no fixed order. */
  listsEnvironment: boolean;
  /** `exit` or `logout`. */
  exits: boolean;
  /** Reads `$?`: the status of the command before it. */
  readsStatus: boolean;
  /** The placeholder (`<NAME>`, `mydeploy-xxx-xxx`) that makes it a usage line, not a command. */
  template?: string;
  /** Opens an editor and waits for a person (`kubectl edit`). */
  needsPerson?: string;
  /** Manifest paths read by `kubectl apply/create -f`. */
  appliedPaths: { path: string; recursive: boolean }[];
  /** A time limit the command sets itself (`--timeout=2m`), in ms. */
  ownTimeoutMs?: number;
  /** One line bash may run as written, not through `eval` (no quoting, compound, input redirection, job or `exit`). */
  plainLine: boolean;
  /** A bare `exit` or `logout`: it ends with the status of the command before it. */
  exitsWithLastStatus: boolean;
  /** Why the command reaches outside the run namespace (`-n kube-system` writes, `config use-context`), if it does. */
  reachesOutside?: string;
  /** Container images a kubectl in it names (`run --image=x`, `create deployment --image x`). */
  images: string[];
  /** Functions and aliases it defines for the lines after it. */
  defines: string[];
  /** Its output may end without a newline (`-o jsonpath=…`, `echo -n`): a `%` at its end is zsh's mark, not output. */
  endsWithoutNewline: boolean;
  /** `cat FILE` alone: its output is the file, which may hold anything. */
  printsFile: boolean;
  /** `echo $?` alone: it shows how the command before it ended. */
  echoesStatus: boolean;
  /** A simple command's program as it may name itself in an error (`ls: `, `/bin/ls: `). */
  errorPrefixes: string[];
  /** The namespace `-n` names. */
  namespace?: string;
  /** `-A`: lists every namespace. */
  allNamespaces: boolean;
  /** Names `default` as a namespace (`-n default`, `web.default.svc…`): a run namespace stands for it when it runs. */
  namesDefault: boolean;
  /** The namespaces its output may name: the one `-n` names, else `default`; `any` with `-A` or `-f` files, which name their own. */
  namespaces: string[] | 'any';
  /** It prints a secret's value and nothing else (`get secret -o jsonpath=…`, `| base64 -d`, `printenv DB_PASSWORD`). */
  printsSecret: boolean;
}

/** Where a shell opened on another machine runs, and how it was reached. */
export interface RemoteShell {
  /** `node01`, `kind-control-plane`, `the Vagrant machine`. */
  host: string;
  /** `ssh`, `vagrant ssh`, `minikube ssh`, `multipass shell`, `docker exec`. */
  via: string;
}

export interface CommandStep {
  kind: 'command';
  /** 1-based line of the command's first line. */
  line: number;
  command: string;
  output?: DocumentedOutput;
  expectedExit: ExpectedExit;
  context: Context;
  /** What the command is, read once from its text. */
  facts: CommandFacts;
  /** Runs until stopped (port-forward, logs -f, get -w, output ending in ^C): stop after a grace period. */
  longRunning: boolean;
  /** The program that must be installed to run this step (not a builtin, nor defined by the note). */
  needsProgram?: string;
  /** Note lines of the editor buffer pasted under `kubectl edit`: neither output nor commands. */
  editorBuffer?: [number, number];
  /** Why this step is not run, when it is skipped by a directive or a config pattern. */
  skip?: string;
  /** Lines typed into an interactive session (`kubectl exec -it POD -- sh`) this step opens. */
  session?: SessionLine[];
  /** Set on a step that is never executed: the reason (e.g. a block with no command). */
  notExecutable?: string;
  /** Set when the step cannot even be read (unclosed quote, unclosed `:'` block): it is broken. */
  problem?: string;
  /** Why the command reaches outside the run namespace (`-n kube-system` writes, `config use-context`): a warning on the step. */
  outsideRunNamespace?: string;
  /** The other machine the line was typed on (after `ssh node01`, or at a prompt naming it): it is never run here. */
  host?: string;
}

/** One command typed inside an interactive session, with the output documented under it. */
export interface SessionLine {
  line: number;
  command: string;
  facts: CommandFacts;
  output?: DocumentedOutput;
}

export interface YamlStep {
  kind: 'yaml';
  /** 1-based line of the opening fence. */
  line: number;
  source: string;
  /** The path given in the info string (`file=...`). */
  infoFile?: string;
  /** Link targets in the text right above the block, which may name the manifest. */
  linksAbove: string[];
  context: Context;
}

export type Step = CommandStep | YamlStep;

export interface Note {
  file: string;
  steps: Step[];
  messages: NoteMessage[];
  /** A digest of the bytes the note was read from: `--update` writes only over those. */
  digest?: string;
}

/** What happened when a command step ran. */
export interface StepRun {
  /** Merged stdout and stderr, ANSI colour stripped. */
  output: string;
  exitCode: number | null;
  durationMs: number;
  timedOut: boolean;
  /** A long-running command was stopped on purpose once its grace period passed or its output matched. */
  stopped: boolean;
  /** How many times a read-only step was run before its output matched or the deadline passed. */
  attempts: number;
  /** Run several times without matching, and its last two runs printed the same (under the tolerances): more time would not help. */
  settled?: boolean;
  /** Output of each session line, when the session could be split at its markers. */
  sessionOutputs?: string[];
  /** Why the step may have failed, from the cluster: its pods that were not Ready then. */
  diagnosis?: Diagnosis;
  /** A wait stopped because the cluster said what it waits for will not come (`pod web-1 ImagePullBackOff`). */
  gaveUp?: string;
}

/** What the cluster said about the run's pods that were not Ready when a step failed. */
export interface Diagnosis {
  pods: PodDiagnosis[];
  /** The last Warning events of the run's namespace: `Reason pod/x: message`. */
  events: string[];
  /** The cluster stopped answering: said once, on the first step it hit. */
  unreachable?: string;
}

export interface PodDiagnosis {
  pod: string;
  /** `Pending`, `Running`, `Failed`. */
  phase: string;
  /** Why it is not Ready: a container's waiting or terminated reason (`ImagePullBackOff`), or `Unschedulable`. */
  reason?: string;
  container?: string;
  image?: string;
  /** The kubelet's, the registry's or the scheduler's own words. */
  message?: string;
  restarts?: number;
  /** The last lines a crashing container printed. */
  logs?: string[];
}

export type StepStatus = 'pass' | 'stale' | 'broken' | 'unchecked' | 'skipped' | 'unverified';
/** `empty`: nothing in the note could be checked; `unverified`: checked offline with no recorded run;
 * `interrupted`: the run was stopped (Ctrl-C, a closed terminal) before the note was done. None is fresh. */
export type NoteStatus = 'fresh' | 'stale' | 'broken' | 'empty' | 'unverified' | 'interrupted';

/** A judgement on one documented output against one actual output. */
export interface Comparison {
  matches: boolean;
  /** Human-readable diff lines (`-` documented, `+` actual, ` ` context), original text. */
  diff: DiffLine[];
  /** Short explanations of drift a user would want named (e.g. a kubectl wording change). */
  notes: string[];
  /**
   * The portability facts (ids) that made the outputs match: differences that come only
   * from the kubectl or server version or the cluster's flavour. Absent on a plain match.
   */
  portable?: string[];
  /**
   * What the run namespace lacks that the note's `default` holds (the `kubernetes` Service
   * and its Endpoints), set aside from the comparison: ids, said on the step. Absent when none.
   */
  isolation?: string[];
  /**
   * How many secret values held masked (by the snapshot, or by a live run) were taken as what the
   * note documents at their place. Absent when none.
   */
  masked?: number;
  /**
   * Each documented output compared, in note order: the step's own, or in a session the
   * opening command's and each typed line's. `--update` rewrites from these; absent for a
   * yaml block, which is compared with its manifest file instead.
   */
  parts?: ComparedOutput[];
}

/** One documented output set against what its command printed, line by line. */
export interface ComparedOutput {
  /** Where the output sits in the note and how it is written; absent when compared on its own. */
  output?: DocumentedOutput;
  /** The documented text as compared: the output's text, with its `%` back when that is what matched. */
  documented: string;
  actual: string;
  matches: boolean;
  /** The portability facts the match needed, as on Comparison. */
  portable?: string[];
  /** The context objects set aside, as on Comparison. */
  isolation?: string[];
  /**
   * Each documented line paired with the actual line judged against it, in note order;
   * absent on a plain match, where every line holds as written.
   */
  alignment?: AlignedLine[];
}

/**
 * One step of the walk through both sides. `same`: the lines are equal once folded;
 * `changed`: the actual line took the documented one's place; `removed`/`added`: only one
 * side has it; `omitted`: the author's `...` mark, standing for the actual lines it covers.
 */
export interface AlignedLine {
  op: 'same' | 'changed' | 'removed' | 'added' | 'omitted';
  /** 0-based index of the documented line within `documented`. */
  documented?: number;
  /** The actual line as the note would write it: the run's namespace read as `default`. */
  actual?: string;
  /**
   * Why two lines that differ as written were judged equal: the tolerances (`ipv4`, `age`)
   * whose values they differ by, `run-namespace`, or `blanks` for a table re-aligned by width.
   */
  by?: string[];
  /** For a `changed` pair with as many words on both sides: which documented words still hold, by position. */
  held?: boolean[];
}

/** Where a cluster runs and which versions answer: read once per run, kept in snapshots. */
export interface ClusterEnvironment {
  /** docker-desktop, k3d, k3s, kind, minikube, rancher-desktop, ...; absent when unknown. */
  flavour?: string;
  nodes?: ClusterNode[];
  /** `kubectl version` gitVersions, e.g. v1.34.1 and v1.31.5+k3s1. */
  client?: string;
  server?: string;
}

export interface ClusterNode {
  name: string;
  osImage?: string;
  kubeletVersion?: string;
  addresses?: string[];
}

export interface DiffLine {
  op: ' ' | '-' | '+' | '…';
  text: string;
  /**
   * The line cut into words and the blanks between them, for a `-` line paired with the
   * `+` line that replaced it: which words really changed, and which differ only by a
   * value a tolerance accepts. Joined, the parts give `text` back.
   */
  words?: WordPart[];
}

export interface WordPart {
  text: string;
  change?: 'changed' | 'tolerated';
}

/**
 * What judging a step found, one shape per status: a broken step always says why, an
 * output comparison is carried by the steps that were compared, so later stages read it.
 */
export type Judgement =
  | { status: 'pass'; comparison?: Comparison; reason?: string; typed?: TypedLineVerdict[] }
  | { status: 'stale'; comparison?: Comparison; reason?: string; typed?: TypedLineVerdict[] }
  | { status: 'broken'; reason: string; comparison?: undefined; typed?: TypedLineVerdict[] }
  | { status: 'unchecked' | 'skipped' | 'unverified'; reason?: string; comparison?: undefined; typed?: TypedLineVerdict[] };

/** A step's judgement, with the step and what its run did. */
export type Verdict = Judgement & {
  step: Step;
  run?: StepRun;
  /** For yaml steps: the manifest file the block was bound to. */
  boundFile?: string;
  /** `--update` rewrote this step's documented output in the note. */
  updated?: boolean;
};

/** One line typed into a session, with what it printed: its own step in the report. */
export interface TypedLineVerdict {
  line: number;
  command: string;
  status: 'pass' | 'stale' | 'unchecked';
  expected: string | null;
  actual: string;
}

export interface NoteResult {
  file: string;
  status: NoteStatus;
  verdicts: Verdict[];
  messages: NoteMessage[];
  durationMs: number;
}

/** Where and how a run happened, for the report's header and the JSON report's top level. */
export interface RunInfo {
  mode: 'live' | 'offline';
  /** The kube context: the one run against, or (offline) the one the snapshots were recorded on. */
  context?: string;
  versions: { client?: string; server?: string };
  /** Live: the cluster's flavour, nodes and kubelet as read once per run (`k3d, node k3d-dev-server-0, kubelet v1.31.5+k3s1`). */
  cluster?: string;
  /** ISO 8601. */
  startedAt: string;
  /** Offline: when the oldest snapshot compared against was recorded (ISO 8601). */
  snapshotAt?: string;
}
