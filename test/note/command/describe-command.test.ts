import { describe, expect, it } from 'vitest';
import { describeCommand } from '../../../src/note/command/describe-command.js';

// The facts later stages read instead of the command's text: the shell (plainLine,
// readsStatus, leavesJob), an interactive session (exitsWithLastStatus), the namespace
// warning (reachesOutside), pre-pulling (images), and the note reader (defines,
// printsFile, echoesStatus, errorPrefixes).

describe('the command model', () => {
  it('says which commands bash may run as written, without eval', () => {
    for (const command of ['echo step 1', 'k get pods -o wide', 'X=1', 'ls | wc -l > /dev/null']) expect(describeCommand(command).plainLine, command).toBe(true);
    for (const command of ["echo 'a'", 'cat <<EOF', 'sleep 1 &', 'exit 1', 'if true; then echo; fi', 'echo x # note', 'a\nb']) {
      expect(describeCommand(command).plainLine, command).toBe(false);
    }
  });

  it('tells a bare exit, which ends with the status before it, from an exit with its own', () => {
    expect(describeCommand('exit').exitsWithLastStatus).toBe(true);
    expect(describeCommand('  logout ').exitsWithLastStatus).toBe(true);
    expect(describeCommand('exit 3')).toMatchObject({ exits: true, exitsWithLastStatus: false });
    expect(describeCommand('echo exit').exitsWithLastStatus).toBe(false);
  });

  it('carries why a command reaches outside the run namespace', () => {
    expect(describeCommand('k -n kube-system delete pod x').reachesOutside).toMatch(/namespace kube-system/);
    expect(describeCommand('kubectl config use-context prod').reachesOutside).toMatch(/use-context/);
    expect(describeCommand('kubectl delete pod x').reachesOutside).toBeUndefined();
  });

  it('lists the images a kubectl names, k included, and none a shell variable builds', () => {
    expect(describeCommand('kubectl run web --image=nginx:1.27 && k create deployment api --image "kiamol/ch03-numbers-api"').images).toEqual(['nginx:1.27', 'kiamol/ch03-numbers-api']);
    expect(describeCommand('kubectl run web --image=$IMAGE').images).toEqual([]);
    expect(describeCommand('docker run --image=nginx').images).toEqual([]);
  });

  it('lists the functions and aliases a command defines', () => {
    expect(describeCommand('greet() { echo hi; }; alias kgp="kubectl get pods"').defines).toEqual(['greet', 'kgp']);
    expect(describeCommand('echo "()"').defines).toEqual([]);
  });

  it('knows `cat FILE` and `echo $?` alone', () => {
    expect(describeCommand('cat Dockerfile').printsFile).toBe(true);
    expect(describeCommand('cat a | grep x').printsFile).toBe(false);
    expect(describeCommand('echo "$?"').echoesStatus).toBe(true);
    expect(describeCommand('echo $? done').echoesStatus).toBe(false);
  });

  it("names how a simple command's program starts its errors", () => {
    expect(describeCommand('/bin/ls /nope').errorPrefixes).toEqual(['ls: ', '/bin/ls: ']);
    expect(describeCommand('ping -c 1 sleep-2').errorPrefixes).toEqual(['ping: ']);
    expect(describeCommand('ls x | wc -l').errorPrefixes).toEqual([]);
  });
});
