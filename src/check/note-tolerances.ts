import type { CompareSettings } from '../compare/comparable-lines.js';
import { exemptNodePorts } from '../compare/tolerances/exempt-node-ports.js';
import type { Note } from '../model.js';
import { fixedNodePorts } from '../yaml/fixed-node-ports.js';

/** The tolerances one note is judged with, live or offline: a node port its own manifests fix is not chance. */
export function noteTolerances(note: Note, tolerances: CompareSettings['tolerances'], cwd: string): CompareSettings['tolerances'] {
  return exemptNodePorts(tolerances, fixedNodePorts(note, cwd));
}
