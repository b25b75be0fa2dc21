import { parseAllDocuments } from 'yaml';
import type { Verdict, YamlStep } from '../model.js';

/** A yaml block must at least parse; a syntax error points at its line in the note. */
export function checkYamlStep(step: YamlStep): Verdict {
  const error = yamlSyntaxError(step);
  if (error) return { step, status: 'broken', reason: error };
  return { step, status: 'unchecked', reason: 'parses as YAML; not bound to a manifest file' };
}

export function yamlSyntaxError(step: YamlStep): string | undefined {
  for (const document of parseAllDocuments(step.source, { prettyErrors: false })) {
    const error = document.errors[0];
    if (error) {
      const line = step.line + (error.linePos?.[0].line ?? 1);
      return `YAML syntax error at line ${line}: ${error.message.split('\n')[0]}`;
    }
  }
  return undefined;
}
