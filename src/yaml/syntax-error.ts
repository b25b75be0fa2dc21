import type { YamlStep } from '../model.js';
import { readManifests } from './manifest-documents.js';

/** A yaml block that does not parse, described with the note line the error is on. */
export function yamlSyntaxError(step: YamlStep): string | undefined {
  const { error } = readManifests(step.source);
  // Block line i (1-based) is note line fenceLine + i.
  return error && `YAML syntax error at line ${step.line + error.line}: ${error.message}`;
}
