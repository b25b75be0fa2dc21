import { afterEach, describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/model.js';
import { checkYamlStep } from '../../src/yaml/check-yaml-step.js';
import { DEPLOYMENT, SERVICE, fence, parse, removeWorkdirs, workdir, yamlSteps } from './workdir.js';

afterEach(removeWorkdirs);

/** Checks a block bound by its info string to `svc.yaml`, which holds `file`. */
function check(block: string, file = SERVICE): Verdict {
  const cwd = workdir({ 'svc.yaml': file });
  const note = parse(`# 실습\n\n${fence(block, 'yaml file=svc.yaml')}`);
  return checkYamlStep(yamlSteps(note)[0], note.steps, cwd);
}

const diffOf = (verdict: Verdict) => verdict.comparison?.diff.map((line) => `${line.op} ${line.text}`);

describe('checkYamlStep: comparing with the bound file', () => {
  it('passes whatever the comments (Korean too), key order and layout', () => {
    const block = `# 서비스 정의
kind: Service
apiVersion: v1
metadata: { name: sleep-2 }   # 서비스 이름이 도메인 네임
spec:
  ports: [{ port: 80 }]       # 80번 포트
  selector:
    app: "sleep-2"            # app label의 값이 sleep-2인 모든 파드`;
    expect(check(block)).toMatchObject({ status: 'pass', boundFile: 'svc.yaml' });
  });

  it('is stale when a value changed, naming the field', () => {
    const verdict = check(SERVICE.replace('port: 80', 'port: 8888'), SERVICE.replace('port: 80', 'port: 8088'));
    expect(verdict.status).toBe('stale');
    expect(verdict.reason).toBe('the block differs from svc.yaml (named in the info string)');
    expect(diffOf(verdict)).toEqual(['- spec.ports[0].port: note 8888, file 8088']);
  });

  it('tells a numeric string from a number, as the API server does', () => {
    expect(diffOf(check(SERVICE.replace('port: 80', 'port: "80"')))).toEqual(['- spec.ports[0].port: note "80", file 80']);
  });

  it('names a typo\'d key on both sides', () => {
    expect(diffOf(check(SERVICE.replace('selector:', 'selecter:')))).toEqual([
      '- spec.selecter: only in note ({ app: sleep-2 })',
      '+ spec.selector: only in file ({ app: sleep-2 })',
    ]);
  });

  it('catches indentation that parses but moves a field', () => {
    const block = SERVICE.replace('  ports:\n    - port: 80', '    ports:\n      - port: 80');
    expect(diffOf(check(block))).toEqual(['- spec.selector.ports: only in note ([ { port: 80 } ])', '+ spec.ports: only in file ([ { port: 80 } ])']);
  });

  it('quotes label keys with dots and slashes', () => {
    const labelled = (value: string) => SERVICE.replace('  name: sleep-2', `  name: sleep-2\n  labels:\n    app.kubernetes.io/name: ${value}`);
    expect(diffOf(check(labelled('web'), labelled('api')))).toEqual(['- metadata.labels["app.kubernetes.io/name"]: note web, file api']);
  });
});

describe('checkYamlStep: several documents', () => {
  const both = `${DEPLOYMENT}---\n${SERVICE}`;

  it('pairs documents by kind and name, whatever their order', () => {
    expect(check(both, `${SERVICE}---\n${DEPLOYMENT}`).status).toBe('pass');
  });

  it('names the document of a changed field and documents only one side has', () => {
    const block = `${DEPLOYMENT.replace('replicas: 2', 'replicas: 3')}---\n${SERVICE.replace('name: sleep-2', 'name: sleep-3')}`;
    expect(diffOf(check(block, both))).toEqual([
      '- Deployment/web spec.replicas: note 3, file 2',
      '- Service/sleep-3: only in the note',
      '+ Service/sleep-2: only in the file',
    ]);
  });
});

describe('checkYamlStep: syntax, unbound and absent files', () => {
  it('is broken on a syntax error, naming the note line', () => {
    const verdict = check('metadata:\n  name: x\n labels: y');
    // Fence on note line 3, the bad line is the block's third: note line 6.
    expect(verdict).toMatchObject({ status: 'broken', reason: 'YAML syntax error at line 6: All mapping items must start at the same column' });
  });

  it('says how many documents parse when nothing binds the block', () => {
    const note = parse(fence(`${DEPLOYMENT}---\n${SERVICE}`, 'yaml'));
    expect(checkYamlStep(yamlSteps(note)[0], note.steps, workdir())).toEqual({
      step: yamlSteps(note)[0],
      status: 'unchecked',
      reason: 'parses as YAML (2 documents); not bound to a manifest file',
    });
  });

  it('says a block bound to a missing file is written there in a scratch copy', () => {
    const note = parse(fence(SERVICE, 'yaml') + fence('kubectl apply -f sleep/svc.yaml'));
    const verdict = checkYamlStep(yamlSteps(note)[0], note.steps, workdir());
    expect(verdict).toMatchObject({ status: 'unchecked', boundFile: 'sleep/svc.yaml' });
    expect(verdict.reason).toBe(
      'bound to sleep/svc.yaml (applied at line 13), which does not exist: the block is written there in a scratch copy of the working dir before the note runs',
    );
  });

  it('does not judge the block against a bound file that does not parse', () => {
    expect(check(SERVICE, 'a: [1\n')).toMatchObject({ status: 'unchecked', boundFile: 'svc.yaml' });
  });
});
