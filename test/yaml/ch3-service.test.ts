import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Note, YamlStep } from '../../src/model.js';
import { parseNote } from '../../src/note/parse-note.js';
import { checkYamlStep } from '../../src/yaml/check-yaml-step.js';
import { removeWorkdirs, workdir, yamlSteps } from './workdir.js';

afterEach(removeWorkdirs);

const notesDir = fileURLToPath(new URL('../../notes/', import.meta.url));
const note: Note = parseNote('notes/ch3.md', readFileSync(`${notesDir}ch3.md`, 'utf8'));
const serviceBlock: YamlStep = yamlSteps(note)[0];
const BOUND = 'sleep/sleep2-service.yaml';

/** The user's notes dir once its manifest is there; until then a copy holding the note's own block. */
function notesWorkdir(): string {
  return existsSync(`${notesDir}${BOUND}`) ? notesDir : workdir({ [BOUND]: `${serviceBlock.source}\n` });
}

describe('notes/ch3.md: the Service block', () => {
  it('sits at line 66 and binds to the file applied at line 79, and passes', () => {
    expect(serviceBlock.line).toBe(66);
    expect(checkYamlStep(serviceBlock, note.steps, notesWorkdir())).toMatchObject({
      status: 'pass',
      boundFile: BOUND,
      reason: `same as ${BOUND} (applied at line 79)`,
    });
  });

  it('is stale, naming the field, when one value in the file changed', () => {
    const cwd = workdir({ [BOUND]: serviceBlock.source.replace(/port: 80\b/, 'port: 8080') });
    const verdict = checkYamlStep(serviceBlock, note.steps, cwd);
    expect(verdict.status).toBe('stale');
    expect(verdict.comparison?.diff).toEqual([{ op: '-', text: 'spec.ports[0].port: note 80, file 8080' }]);
  });

  it('is unchecked and bound when the applied file is missing, so a run writes the block there', () => {
    expect(checkYamlStep(serviceBlock, note.steps, workdir())).toMatchObject({ status: 'unchecked', boundFile: BOUND });
  });
});
