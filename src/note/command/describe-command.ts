// The command model: everything later stages need to know about a command, read once
// from its text when the note is parsed and carried on the step.
import type { CommandFacts } from '../../model.js';
import { appliedPaths } from './applied-paths.js';
import { leavesJobRunning, readsStatus, startsInBackground } from './background.js';
import { splitCommandLine } from './command-line.js';
import { listsEnvironment } from './environment.js';
import { asKubectl } from './kubectl-alias.js';
import { isKubectlProgram, kubectlFacts } from './kubectl-args.js';
import { loopsForever, runsUntilStopped } from './long-running.js';
import { namesDefaultNamespace } from './default-namespace.js';
import { listsAllNamespaces, namedNamespace, outputNamespaces } from './namespaces.js';
import { orderingOf } from './ordering.js';
import { imagesNamed } from './images.js';
import { endsWithoutNewline } from './final-newline.js';
import { ownTimeoutMs } from './own-timeout.js';
import { reachesOutside } from './outside-namespace.js';
import { isPlainLine } from './plain-line.js';
import { isReadOnly } from './read-only.js';
import { definedNames, echoesStatus, errorPrefixes, printsFile } from './simple-commands.js';
import { databasePromptOf, exitsWithLastStatus, isExit, opensInteractiveShell, remoteShellOf } from './session.js';
import { printsSecret } from './prints-secret.js';
import { placeholderIn } from './templates.js';

/** Programs that take over the terminal until a person leaves them. */
const INTERACTIVE = new Set(['vi', 'vim', 'nvim', 'nano', 'emacs', 'less', 'more', 'top', 'htop', 'k9s']);

export function describeCommand(typed: string): CommandFacts {
  const command = asKubectl(typed);
  const line = splitCommandLine(command);
  const first = line.commands[0] ?? [];
  const program = first.find((word) => !/^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/.test(word));
  const kubectlWords = line.commands.find((words) => isKubectlProgram(words[0]));
  const readOnly = isReadOnly(command, line);
  const facts: CommandFacts = {
    background: startsInBackground(command),
    leavesJob: leavesJobRunning(command),
    longRunning: runsUntilStopped(command),
    loopsForever: loopsForever(command),
    readOnly,
    readsCluster: readOnly && /\bkubectl\b/.test(command),
    ordering: orderingOf(command),
    opensSession: opensInteractiveShell(command),
    listsEnvironment: listsEnvironment(command),
    exits: isExit(command),
    readsStatus: readsStatus(command),
    appliedPaths: appliedPaths(command),
    plainLine: isPlainLine(typed),
    exitsWithLastStatus: exitsWithLastStatus(command),
    images: imagesNamed(command),
    defines: definedNames(typed),
    printsFile: printsFile(typed, program),
    endsWithoutNewline: endsWithoutNewline(line),
    echoesStatus: echoesStatus(typed),
    errorPrefixes: errorPrefixes(typed),
    allNamespaces: listsAllNamespaces(command),
    namesDefault: namesDefaultNamespace(typed),
    namespaces: outputNamespaces(command),
    printsSecret: printsSecret(command),
  };
  const namespace = namedNamespace(command);
  if (namespace !== undefined) facts.namespace = namespace;
  if (program !== undefined) facts.program = program;
  if (kubectlWords) facts.kubectl = kubectlFacts(kubectlWords.slice(1));
  const template = placeholderIn(typed);
  if (template) facts.template = template;
  const remote = remoteShellOf(command);
  if (remote) facts.remoteShell = remote;
  const database = databasePromptOf(command);
  if (database) facts.opensDatabase = database;
  const timeout = ownTimeoutMs(command);
  if (timeout !== undefined) facts.ownTimeoutMs = timeout;
  const outside = reachesOutside(typed);
  if (outside) facts.reachesOutside = outside;
  if (facts.kubectl?.verb === 'edit') facts.needsPerson = 'kubectl edit opens an editor and waits for a person to change the object';
  else if (facts.program !== undefined && INTERACTIVE.has(facts.program) && first.length >= 1 && !line.commands.slice(1).length) {
    facts.needsPerson = `${facts.program} waits for a person at the keyboard`;
  }
  return facts;
}
