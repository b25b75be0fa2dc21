import { resolve } from 'node:path';
import type { Step, Verdict, YamlStep } from '../model.js';
import { bindYamlBlock, type Binding } from './bind-yaml-block.js';
import { readManifests } from './manifest-documents.js';
import { manifestDiff } from './manifest-diff.js';
import { writable } from './materialize-blocks.js';
import { readManifestFile } from './manifest-files.js';
import { yamlSyntaxError } from './syntax-error.js';

export { yamlSyntaxError };

/**
 * A yaml block must parse; bound to a manifest file that exists, it must say what the file says.
 * `cwd` is the user's working dir, never a scratch copy (there the block would match itself).
 */
export function checkYamlStep(step: YamlStep, steps: Step[], cwd: string): Verdict {
  const error = yamlSyntaxError(step);
  if (error) return { step, status: 'broken', reason: error };
  const { notRead } = readManifests(step.source);
  if (notRead) return { step, status: 'unchecked', reason: `not parsed: ${notRead}` };
  const binding = bindYamlBlock(step, steps, cwd);
  if (!binding) {
    const count = readManifests(step.source).objects.length;
    return { step, status: 'unchecked', reason: `parses as YAML (${count} document${count === 1 ? '' : 's'}); not bound to a manifest file` };
  }
  const bound = { step, boundFile: binding.file };
  if (!binding.exists) {
    const what = writable(binding.file)
      ? 'the block is written there in a scratch copy of the working dir before the note runs'
      : 'it is outside the working dir, so the block is not written there';
    return { ...bound, status: 'unchecked', reason: `bound to ${binding.file} (${how(binding)}), which does not exist: ${what}` };
  }
  const file = readManifestFile(resolve(cwd, binding.file));
  if (file.notRead) return { ...bound, status: 'unchecked', reason: `bound to ${binding.file} (${how(binding)}), which is not parsed: ${file.notRead}` };
  if (file.error) {
    return { ...bound, status: 'unchecked', reason: `bound to ${binding.file} (${how(binding)}), which cannot be read as YAML: ${file.error.message}` };
  }
  const differences = manifestDiff(readManifests(step.source).objects, file.objects);
  if (differences.length === 0) return { ...bound, status: 'pass', reason: `same as ${binding.file} (${how(binding)})` };
  return {
    ...bound,
    status: 'stale',
    reason: `the block differs from ${binding.file} (${how(binding)})`,
    comparison: {
      matches: false,
      // `-` what only the note says (or says differently), `+` what only the file has.
      diff: differences.map((d) => ({ op: d.side === 'file' ? '+' : '-', text: d.text })),
      notes: [],
    },
  };
}

function how(binding: Binding): string {
  if (binding.how === 'info string') return 'named in the info string';
  if (binding.how === 'text above') return 'named in the text above the block';
  return `applied at line ${binding.applyLine}`;
}
