import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/model.js';
import { checkYamlStep } from '../../src/yaml/check-yaml-step.js';
import { materializeBlocks } from '../../src/yaml/materialize-blocks.js';
import { fence, parse, removeWorkdirs, workdir, yamlSteps } from './workdir.js';

afterEach(removeWorkdirs);

// Real notes show part of a manifest: `spec:` and below, a Deployment's `template:`, the
// volumes a chapter adds. Such a block stands for the fields it shows, where the file has
// them; what it leaves out is not drift (issue 20 item 7: `spec.selector: only in file`).

const fixtures = join(import.meta.dirname, '..', 'fixtures', 'notes', 'sleep');
/** kiamol ch05's Deployment with an emptyDir volume, as the fixture notes apply it. */
const EMPTY_DIR = readFileSync(join(fixtures, 'sleep-with-emptyDir.yaml'), 'utf8');

/** A block under a list item naming its file, as the real notes write it ("Deployment 정의 - FILE"). */
function check(block: string, file = EMPTY_DIR): Verdict {
  const cwd = workdir({ 'sleep/sleep-with-emptyDir.yaml': file });
  const note = parse(`# 5.1\n\n- Deployment 정의 중 일부 - sleep-with-emptyDir.yaml\n${indented(fence(block, 'yaml'))}`);
  return checkYamlStep(yamlSteps(note)[0], note.steps, cwd);
}

/** The block under its list item, indented as the item's content. */
const indented = (block: string) => block.replace(/^(?=.)/gm, '  ');

const diffOf = (verdict: Verdict) => verdict.comparison?.diff.map((line) => `${line.op} ${line.text}`);

const SPEC_EXCERPT = `spec:
  template:
    spec:
      containers:
        - name: sleep
          image: kiamol/ch03-sleep
          volumeMounts:
            - name: data
              mountPath: /data  # 컨테이너 안의 경로
      volumes:
        - name: data
          emptyDir: {}          # Pod와 수명이 같은 빈 디렉터리`;

const TEMPLATE_EXCERPT = `template:
  spec:
    volumes:
      - name: data
        emptyDir: {}`;

describe('a yaml block that shows an excerpt of its manifest', () => {
  it('is fresh when the fields it shows (from `spec:` down) are what the file says there', () => {
    expect(check(SPEC_EXCERPT)).toMatchObject({ status: 'pass', boundFile: 'sleep/sleep-with-emptyDir.yaml' });
  });

  it('is fresh for a `template:` part, found where the file has it', () => {
    expect(check(TEMPLATE_EXCERPT)).toMatchObject({ status: 'pass' });
  });

  it('is fresh for one container’s fields shown on their own', () => {
    expect(check('containers:\n  - name: sleep\n    image: kiamol/ch03-sleep')).toMatchObject({ status: 'pass' });
  });

  it('is stale with the field named at its place in the file when a value it shows is wrong', () => {
    const verdict = check(SPEC_EXCERPT.replace('mountPath: /data', 'mountPath: /tmp/data'));
    expect(verdict.status).toBe('stale');
    expect(diffOf(verdict)).toEqual(['- spec.template.spec.containers[0].volumeMounts[0].mountPath: note /tmp/data, file /data']);
  });

  it('is stale when it shows a field the file does not have there', () => {
    const verdict = check(TEMPLATE_EXCERPT.replace('emptyDir: {}', 'emptyDir:\n          medium: Memory'));
    expect(diffOf(verdict)).toEqual(['- spec.template.spec.volumes[0].emptyDir.medium: only in note (Memory)']);
  });

  it('is stale when the file has none of what it shows', () => {
    const verdict = check('template:\n  spec:\n    initContainers:\n      - name: init');
    expect(verdict.status).toBe('stale');
    expect(diffOf(verdict)).toEqual(['- spec.template.spec.initContainers: only in note ([ { name: init } ])']);
  });

  it('pairs list items by name: a container the excerpt shows second is still that container', () => {
    const two = EMPTY_DIR.replace('      containers:\n', '      containers:\n        - name: helper\n          image: busybox\n');
    expect(check('containers:\n  - name: sleep\n    image: kiamol/ch03-sleep', two)).toMatchObject({ status: 'pass' });
    expect(diffOf(check('containers:\n  - name: sleep\n    image: kiamol/ch03-sleep:v2', two))).toEqual([
      '- spec.template.spec.containers[1].image: note kiamol/ch03-sleep:v2, file kiamol/ch03-sleep',
    ]);
  });

  it('binds to the manifest applied next to it when that file holds every field it shows, and is never written as a manifest', () => {
    const cwd = workdir({ 'sleep/sleep-with-emptyDir.yaml': EMPTY_DIR, 'sleep/sleep2-service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: sleep-2\nspec:\n  ports:\n    - port: 80\n' });
    const note = parse(
      `# 5.1\n\n${fence(TEMPLATE_EXCERPT, 'yaml')}\n${fence('kubectl apply -f sleep/sleep2-service.yaml\nkubectl apply -f sleep/sleep-with-emptyDir.yaml\nkubectl apply -f sleep/new.yaml')}`,
    );
    expect(checkYamlStep(yamlSteps(note)[0], note.steps, cwd)).toMatchObject({ status: 'pass', boundFile: 'sleep/sleep-with-emptyDir.yaml' });
    const lone = parse(`# 5.1\n\n${fence(TEMPLATE_EXCERPT, 'yaml')}\n${fence('kubectl apply -f sleep/new.yaml')}`);
    const written = materializeBlocks(lone, cwd);
    written.cleanup();
    expect(written.written).toEqual([]);
  });
});

describe('a kind-less block bound to a kind-less file', () => {
  it('is compared whole: a values file shown in full still names what only the file has', () => {
    const cwd = workdir({ 'values.yaml': 'replicaCount: 2\nimage: nginx\n' });
    const note = parse(`# values\n\n${fence('replicaCount: 2', 'yaml file=values.yaml')}`);
    const verdict = checkYamlStep(yamlSteps(note)[0], note.steps, cwd);
    expect(diffOf(verdict)).toEqual(['+ image: only in file (nginx)']);
  });
});
