import { describe, expect, it } from 'vitest';
import type { CommandStep, Note } from '../../src/model.js';
import { describeCommand } from '../../src/note/command/describe-command.js';
import { parseNote } from '../../src/note/parse-note.js';
import { promptOf } from '../../src/note/prompts.js';
import { startsLikeCommand } from '../../src/note/runnable.js';

// Notes written by other people (SPEC §1, "Notes written by other people go further
// still"): prompts of every shape, output pasted raw, templates, editor buffers,
// sessions, tools this machine lacks. When in doubt a line is not run.

const parse = (markdown: string): Note => parseNote('note.md', markdown);
const commands = (note: Note): CommandStep[] => note.steps.filter((step): step is CommandStep => step.kind === 'command');
const fence = (body: string, lang = 'bash') => `\`\`\`${lang}\n${body}\n\`\`\`\n`;
const read = (body: string) => commands(parse(fence(body)));

describe('prompts', () => {
  it.each([
    ['$ kubectl get po', 'kubectl get po'],
    ['$> kubectl get po', 'kubectl get po'],
    ['bash> kubectl get po', 'kubectl get po'],
    ['bash$ kubectl get po', 'kubectl get po'],
    ['user@host:~/dir$ kubectl get po', 'kubectl get po'],
    ['root@controlplane:~# kubectl get po', 'kubectl get po'],
    ['[ec2-user@ip-10-0-0-1 ~]$ kubectl get po', 'kubectl get po'],
    ['controlplane $ kubectl get po', 'kubectl get po'],
    ['❯ kubectl get po', 'kubectl get po'],
    ['➜  k8s git:(main) ✗ kubectl get po', 'kubectl get po'],
    ['➜  ~ kubectl get po', 'kubectl get po'],
    ['λ kubectl get po', 'kubectl get po'],
    ['PS C:\\> kubectl get po', 'kubectl get po'],
    ['PS C:\\Users\\me\\k8s> kubectl get po', 'kubectl get po'],
    ['(⎈|k3d-dev:default) $ kubectl get po', 'kubectl get po'],
  ])('%s runs as %s', (line, command) => {
    expect(read(line).map((step) => step.command)).toEqual([command]);
  });

  it('never runs `bash> kubectl get po` as `bash get po > kubectl`', () => {
    const steps = read('bash> kubectl get po\nNAME    READY\nnginx   1/1\nbash> cat x.yaml\napiVersion: v1\nkind: Pod\nbash>');
    expect(steps.map((step) => step.command)).toEqual(['kubectl get po', 'cat x.yaml']);
    expect(steps[1].output?.text).toBe('apiVersion: v1\nkind: Pod');
  });

  it('reads a bare prompt line as nothing, and a two-line prompt as one prompt', () => {
    expect(read('bash>\n$\nkubectl version --client').map((step) => step.command)).toEqual(['kubectl version --client']);
    const steps = read('C:\\Users\\me\\k8s\nλ kubectl get ns\ndefault   Active   1d\nme@laptop MINGW64 ~/k8s (main)\n$ kubectl get svc\nkubernetes   ClusterIP');
    expect(steps.map((step) => [step.command, step.output?.text])).toEqual([
      ['kubectl get ns', 'default   Active   1d'],
      ['kubectl get svc', 'kubernetes   ClusterIP'],
    ]);
  });

  it("never runs a line typed at another program's prompt", () => {
    const [step] = read('$ kubectl get po\nmysql> DROP TABLE users;');
    expect(step.command).toBe('kubectl get po');
    const [, mysql] = read('$ kubectl get po\n\nmysql> DROP TABLE users;');
    expect(mysql?.skip ?? 'read as output of the command above').toMatch(/mysql's prompt|output/);
  });

  it('tells a prompt from a command that merely contains `$` or `>`', () => {
    expect(promptOf('echo $?')).toBeUndefined();
    expect(promptOf('cat > pod.yaml <<EOF')).toBeUndefined();
    expect(promptOf('kubectl get po > pods.txt')).toBeUndefined();
    expect(promptOf('/usr/bin/env # which env')).toBeUndefined();
    expect(promptOf('/ # hostname')?.kind).toBe('container');
    expect(promptOf('/var/log/containers # ls', true)).toMatchObject({ kind: 'container', rest: 'ls' });
    expect(promptOf('root@nginx:/# ls', true)).toMatchObject({ kind: 'container', rest: 'ls' });
  });

  it('strips `> ` from the continuation lines of a prompted command', () => {
    const [step] = read('$ cat <<EOF | kubectl apply -f -\n> apiVersion: v1\n> kind: Namespace\n> EOF');
    expect(step.command).toBe('cat <<EOF | kubectl apply -f -\napiVersion: v1\nkind: Namespace\nEOF');
  });
});

describe('pasted output', () => {
  it('keeps every unprompted line under a prompted command as its output, blank lines included', () => {
    const steps = read('$ kubectl describe deploy web\nName:   web\nSelector:  app=web\n           tier=frontend\n\nEvents:\n  Type    Reason\necho not-a-command\n$ kubectl get po');
    expect(steps.map((step) => step.command)).toEqual(['kubectl describe deploy web', 'kubectl get po']);
    expect(steps[0].output?.lastLine).toBe(9);
  });

  it('leaves a comment right before the next prompt out of the output above it', () => {
    const [get] = read('$ kubectl get po\nNAME   READY\nweb    1/1\n\n# 이제 삭제\n$ kubectl delete po web');
    expect(get.output?.text).toBe('NAME   READY\nweb    1/1');
  });

  it('reads wrapped `key=value` lines, JSON, log lines and paths as output', () => {
    const steps = read(
      [
        'kubectl describe pod web',
        'Labels:       app=web',
        '              tier=frontend',
        'kubectl get pod web -o json',
        '{',
        '  "kind": "Pod"',
        '}',
        'kubectl logs web',
        'time="2024-05-01T10:00:00Z" level=info msg=started',
        '2024/05/01 10:00:00 [notice] 1#1: start worker processes',
        'which kubectl',
        '/usr/local/bin/kubectl',
        'kubectl delete -f web.yaml',
        'deployment.apps "web" deleted',
        'service "web" deleted',
      ].join('\n'),
    );
    expect(steps.map((step) => step.command)).toEqual(['kubectl describe pod web', 'kubectl get pod web -o json', 'kubectl logs web', 'which kubectl', 'kubectl delete -f web.yaml']);
    expect(steps[4].output?.text).toBe('deployment.apps "web" deleted\nservice "web" deleted');
  });

  it('keeps a table that goes on after a blank line, and stops before a sentence the author wrote', () => {
    const [step] = read('kubectl get all\nNAME        READY\npod/web-x   1/1\n\nNAME          TYPE\nservice/web   ClusterIP\nkill 해서 다시 뜨는지 확인');
    expect(step.output?.text).toBe('NAME        READY\npod/web-x   1/1\n\nNAME          TYPE\nservice/web   ClusterIP');
  });

  it('reads the file `cat FILE` prints as output, comments and commands in it included', () => {
    const [step, next] = read('cat run.sh\n#!/bin/sh\necho hello\nrm -rf /tmp/x\n\nkubectl get po');
    expect(step.output?.text).toBe('#!/bin/sh\necho hello\nrm -rf /tmp/x');
    expect(next.command).toBe('kubectl get po');
  });

  it('decides what is a command from the line alone, never from what is installed', () => {
    const none = new Set<string>();
    expect(startsLikeCommand('oc get pods', none)).toBe(true);
    expect(startsLikeCommand('vagrant up', none)).toBe(true);
    expect(startsLikeCommand('ubectl get po', none)).toBe(true);
    expect(startsLikeCommand('mytool --verbose run', none)).toBe(true);
    expect(startsLikeCommand('nginx   1/1     Running   0          10s', none)).toBe(false);
    expect(startsLikeCommand('service "web" deleted', none)).toBe(false);
    expect(startsLikeCommand('time="2024-05-01" level=info msg=x', none)).toBe(false);
    expect(startsLikeCommand('{"level":"info"}', none)).toBe(false);
    expect(startsLikeCommand('/etc/resolv.conf', none)).toBe(false);
  });
});

describe('templates, editor buffers and missing tools', () => {
  it.each(['kubectl scale rs --replicas <NUMBER> <NAME>', 'kubectl get pod <TAB>', 'curl <공인IP>:30080', 'kubectl logs mydeploy-xxx-xxx', 'kubectl describe pod ‹pod›'])(
    '%s is a template, skipped',
    (line) => {
      const [step] = read(line);
      expect(step.skip).toMatch(/template/);
    },
  );

  it('does not take redirections, here-documents or HTML in quotes for placeholders', () => {
    for (const line of ['kubectl apply -f - < pod.yaml', 'cat <<EOF > a.txt\nx\nEOF', 'echo "<h1>hi</h1>" > index.html', 'kubectl get pods 2>&1']) {
      expect(describeCommand(line).template, line).toBeUndefined();
    }
  });

  it('skips `kubectl edit` and reads the buffer under it as neither output nor commands, and the result as its output', () => {
    const steps = read('kubectl edit deploy web\nspec:\n  replicas: 1   # --> 3으로 수정\n  image: nginx   <-- 추가\n<ESC> + :wq\ndeployment.apps/web edited\nkubectl get deploy web');
    expect(steps.map((step) => step.command)).toEqual(['kubectl edit deploy web', 'kubectl get deploy web']);
    expect(steps[0].skip).toMatch(/editor/);
    expect(steps[0].output?.text).toBe('deployment.apps/web edited');
    expect(steps[0].editorBuffer).toEqual([3, 6]);
  });

  it('keeps a command whose program may be missing, and its pasted output never runs', () => {
    const steps = read('oc get pods\nNAME   READY\nweb    1/1\nubectl get po\nCommand \'ubectl\' not found, did you mean:\n  command \'kubectl\' from snap kubectl');
    expect(steps.map((step) => [step.command, step.needsProgram])).toEqual([
      ['oc get pods', 'oc'],
      ['ubectl get po', 'ubectl'],
    ]);
  });

  it('needs no program for builtins, functions the note defines or `k`', () => {
    const steps = read('greet() { echo hi; }\ngreet\nk get po\necho $HOME');
    expect(steps.map((step) => step.needsProgram)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('sessions', () => {
  it('ends a session at another `kubectl exec -it`, and at a host prompt', () => {
    const steps = read('kubectl exec -it a -- sh\n/ # hostname\na\nkubectl exec -it b -- sh\n/ # hostname\nb\n/ # exit');
    expect(steps.map((step) => [step.command, step.session?.map((line) => line.command)])).toEqual([
      ['kubectl exec -it a -- sh', ['hostname']],
      ['kubectl exec -it b -- sh', ['hostname', 'exit']],
    ]);
    const prompted = read('$ kubectl exec -it a -- sh\n/var/log # ls\na.log\n$ kubectl get po\nNAME');
    expect(prompted.map((step) => [step.command, step.session?.map((line) => line.command)])).toEqual([
      ['kubectl exec -it a -- sh', ['ls']],
      ['kubectl get po', undefined],
    ]);
  });

  it('reads a container prompt outside any session as typed elsewhere: not run here', () => {
    const [step] = read('$ kubectl get po\nNAME\n\nroot@nginx:/# rm -rf /usr/share/nginx/html');
    expect(step.command).toBe('kubectl get po');
    const lone = read('root@nginx:/# rm -rf /usr/share/nginx/html\n/ # ls');
    expect(lone.every((s) => s.skip !== undefined)).toBe(true);
  });
});

describe('loops and unlabelled blocks', () => {
  it('reads a loop that never ends as long-running, to be run in a subshell', () => {
    const [step] = read('while true; do curl -s localhost:8080; sleep 1; done\nhello\n^C');
    expect(step.longRunning).toBe(true);
    expect(step.facts.loopsForever).toBe(true);
    expect(describeCommand('while read line; do echo $line; done < f').loopsForever).toBe(false);
  });

  it('points at an unlabelled block of shell commands, and runs nothing from it', () => {
    const note = parse(`${fence('$ kubectl get nodes\nNAME   STATUS', '')}\n${fence('NAME   READY\nweb    1/1', '')}`);
    expect(commands(note)).toEqual([]);
    expect(note.messages.map((m) => [m.line, m.message])).toEqual([[1, 'this block looks like shell commands; label it ```bash to run it']]);
  });
});

describe('the command model', () => {
  it('reads a kubectl command once: verb, files, output format, what it does to the cluster', () => {
    expect(describeCommand('k -n lab get pods -o wide')).toMatchObject({
      program: 'kubectl',
      kubectl: { verb: 'get', output: 'wide' },
      readsCluster: true,
      ordering: 'table',
      longRunning: false,
    });
    expect(describeCommand('kubectl apply -f a.yaml -f b/')).toMatchObject({ kubectl: { verb: 'apply', files: ['a.yaml', 'b/'] }, readOnly: false, appliedPaths: [{ path: 'a.yaml' }, { path: 'b/' }] });
    expect(describeCommand('kubectl rollout status deploy/x --timeout=90s')).toMatchObject({ kubectl: { verb: 'rollout', subverb: 'status' }, ownTimeoutMs: 90_000 });
    expect(describeCommand('kubectl port-forward svc/web 8080:80 &')).toMatchObject({ background: true, longRunning: false, leavesJob: true });
    expect(describeCommand('kubectl exec -it deploy/x -- sh')).toMatchObject({ opensSession: true, readsCluster: false });
    expect(describeCommand('POD=$(kubectl get pod -o name)').program).toBeUndefined();
  });

  it('reads the namespaces a command works in and its output template, for the portability facts', () => {
    expect(describeCommand('kubectl delete pod x')).toMatchObject({ namespaces: ['default'], allNamespaces: false });
    expect(describeCommand('kubectl delete pod x')).not.toHaveProperty('namespace');
    expect(describeCommand('kubectl -n kube-system get svc')).toMatchObject({ namespace: 'kube-system', namespaces: ['kube-system'] });
    expect(describeCommand('kubectl get pods --namespace=lab')).toMatchObject({ namespace: 'lab', namespaces: ['lab'] });
    expect(describeCommand('kubectl get pods -A')).toMatchObject({ allNamespaces: true, namespaces: 'any' });
    // Objects in files name their own namespace.
    expect(describeCommand('kubectl delete -f sleep/')).toMatchObject({ namespaces: 'any' });
    expect(describeCommand("kubectl get svc web -o jsonpath='{.status.loadBalancer.ingress[0].ip}'").kubectl).toMatchObject({
      output: 'jsonpath',
      outputTemplate: '{.status.loadBalancer.ingress[0].ip}',
    });
    expect(describeCommand('kubectl get pods -o wide').kubectl).not.toHaveProperty('outputTemplate');
  });
});

describe('a study group whose shell prompt shows the kube context and a root shell', () => {
  it('reads `(⎈|ctx) root@host:~# ` as the host and `root@pod:/# ` inside a session as the pod', () => {
    const steps = read(
      [
        '(⎈|kind-myk8s:N/A) root@k8s-ctr:~# kubectl get node',
        'NAME                  STATUS   ROLES           AGE   VERSION',
        '(⎈|kind-myk8s:N/A) root@k8s-ctr:~# kubectl exec -it nginx -- bash',
        'root@nginx:/# hostname',
        'nginx',
        'root@k8s-ctr:~# kubectl get svc',
      ].join('\n'),
    );
    expect(steps.map((step) => [step.command, step.session?.map((line) => line.command)])).toEqual([
      ['kubectl get node', undefined],
      ['kubectl exec -it nginx -- bash', ['hostname']],
      ['kubectl get svc', undefined],
    ]);
  });

  it('keeps a trailing Korean comment on a command, and a command with it still runs', () => {
    const [step] = read('kubectl get svc web   # 서비스 확인\n# NAME   TYPE');
    expect(step.command).toBe('kubectl get svc web   # 서비스 확인');
    expect(step.output?.text).toBe('NAME   TYPE');
  });
});

describe('shells a person or another machine has to answer', () => {
  it('never runs the lines typed after `ssh node01`, and ends them at the first machine prompt again', () => {
    const steps = read('controlplane $ ssh node01\nnode01 $ rm -rf /etc/kubernetes/manifests/x.yaml\nnode01 $ exit\nlogout\ncontrolplane $ kubectl get nodes');
    expect(steps.map((step) => [step.command, step.skip !== undefined, step.host])).toEqual([
      ['ssh node01', true, undefined],
      ['rm -rf /etc/kubernetes/manifests/x.yaml', true, 'node01'],
      ['exit', true, 'node01'],
      ['kubectl get nodes', false, undefined],
    ]);
  });

  it('skips an editor or a full-screen program', () => {
    expect(read('vi pod.yaml\ntop\nkubectl get po').map((step) => step.skip !== undefined)).toEqual([true, true, false]);
  });
});
