// Whether a line reads as a command, judged from the line alone. Output pasted raw
// under a command (`NAME  READY ...`, `pod "x" deleted`, a manifest, log lines) must
// never run, and what happens to be installed here must not change how a note is read:
// a command names a program people run (a shell builtin, a well-known tool, a path, an
// assignment), or has a command's shape. A command whose program is missing here is
// still a command: the run reports it skipped.

export const SHELL_WORDS = new Set(
  (
    'if then else elif fi case esac for select while until do done in function time { } ! [[ ]] ' +
    ': . source alias bg bind break builtin caller cd command compgen complete continue declare dirs ' +
    'disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local ' +
    'logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt suspend test ' +
    'times trap true type typeset ulimit umask unalias unset wait ['
  ).split(' '),
);

const KNOWN_TOOLS = new Set(
  (
    'kubectl k kubecolor helm helmfile kustomize k3d k3s kind minikube microk8s kubeadm kubelet etcdctl oc odo ' +
    'istioctl linkerd cilium calicoctl argocd flux velero kubeseal kn tkn eksctl rosa kompose kubeval kubeconform ' +
    'kube-score kubescape trivy conftest opa stern k9s kubens kubectx skaffold tilt terraform aws gcloud az ' +
    'docker docker-compose podman nerdctl crictl ctr runc buildah skopeo dive hadolint colima limactl vagrant ' +
    'multipass virtualbox vboxmanage VBoxManage packer ansible ansible-playbook ' +
    'curl wget http ping nslookup dig host nc netcat ncat socat telnet ssh scp sftp rsync openssl ssh-keygen gpg ' +
    'cfssl cfssljson jq yq git make npm npx node yarn pnpm python python3 pip pip3 go java mvn gradle dotnet ' +
    'sleep cat tac ls cp mv rm mkdir rmdir touch ln chmod chown chgrp stat file which whereis realpath basename ' +
    'dirname readlink head tail grep egrep fgrep rg sed awk gawk cut sort uniq wc tr tee xargs find tree watch ' +
    'timeout nohup setsid nice env printenv base64 date less more vi vim nvim nano emacs code open xdg-open ' +
    'sh bash zsh ash fish dash clear reset sudo su apt apt-get apt-cache dpkg snap brew yum dnf rpm apk pacman ' +
    'choco winget scoop pwsh powershell systemctl service journalctl ufw firewall-cmd iptables iptables-save nft ' +
    'conntrack ethtool sysctl modprobe swapoff swapon mount umount lsblk blkid fdisk mkfs dd useradd usermod ' +
    'groupadd passwd hostnamectl timedatectl setenforce getenforce sestatus ps top htop free df du uname hostname ' +
    'whoami id groups w who uptime dmesg lscpu lsmod ip ifconfig route arp netstat ss lsof tcpdump tshark mtr ' +
    'traceroute tracepath nmap iperf3 ab hey siege fortio k6 whois diff cmp patch tar gzip gunzip zcat unzip zip ' +
    'xz bzip2 seq shuf yes rev nl fold fmt column paste join comm split xxd od hexdump strings md5sum sha1sum ' +
    'sha256sum htpasswd pkill pgrep killall vmstat iostat crontab getent busybox psql mysql redis-cli mongosh ' +
    'mongo sqlite3 cowsay figlet'
  ).split(' '),
);

/** Tools whose names notes misspell (`ubectl get po`): a typo is still a command, skipped when not installed. */
const OFTEN_MISTYPED = ['kubectl', 'docker', 'minikube', 'helm', 'kustomize'];

const KUBECTL_RESULT = /^[\w.-]+(?:\/[\w.-]+)? "[^"]*" (?:\w+ )?(?:deleted|created|configured|unchanged|labeled|annotated|scaled|patched|edited|replaced|exposed|restarted|rolled back|paused|resumed|drained|cordoned|uncordoned|tainted|untainted|condition met|evicted)\b/;

/** A bash assignment: `NAME=value`, `arr[0]=x`, `X+=y`. */
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;

/** Whether a line (its prompt removed) starts like a command rather than like pasted output or text. */
export function startsLikeCommand(line: string, defined: ReadonlySet<string>): boolean {
  const text = line.trim();
  const word = text.split(/[\s;|&<>]/, 1)[0];
  // kubectl's report of a failed exec starts with the `command` builtin's name.
  if (word === 'command') return !/^command terminated with exit code \d+$/.test(text);
  // A JSON document's braces and brackets on lines of their own are output, not a group.
  if (/^[{}[\]],?$/.test(text)) return false;
  if (defined.has(word)) return true;
  if (SHELL_WORDS.has(word) || KNOWN_TOOLS.has(word)) return !readsAsProse(text, word);
  if (ASSIGNMENT.test(text)) return readsAsAssignment(text);
  if (/^(function\s+)?[A-Za-z_][\w-]*\s*\(\)/.test(text)) return true;
  // `$(...)`, `$VAR ...`, `( cd x; ls )`, `{ a; b; }`; not a JSON line, not a `(remark)`.
  if (/^(\$[({A-Za-z_]|\(\s*[^)]|\{\s)/.test(text) && !/^\(.*\)$/.test(text)) return true;
  if (word === '') return false;
  if (/^(\.{0,2}\/|~\/)[\w.-]/.test(word)) {
    // A path alone, or a list of paths, is what `which`, `find` or `ls` printed; `./run.sh` alone runs.
    const rest = text.slice(word.length).trim();
    if (/[,:]$/.test(word) || /\s{2,}/.test(text)) return false;
    return word.startsWith('.') ? true : rest !== '' && !/^(\/|~\/)/.test(rest);
  }
  if (!/^[a-z][a-z0-9_.+-]*$/.test(word)) return false;
  if (OFTEN_MISTYPED.some((tool) => oneEditApart(word, tool))) return true;
  // `mytool --flag ...`, `mytool -n x`: a command's shape, whatever the tool.
  return /^\S+\s+--?[A-Za-z][\w-]*(?:[=\s]|$)/.test(text) && !/\s{2,}/.test(text);
}

/**
 * `time="2024-05-01T10:00:00Z" level=info msg=started` and `tier=frontend` in a
 * `describe` are output; a real assignment sets one name, or sets names for a command.
 */
function readsAsAssignment(text: string): boolean {
  if (/^\S+=\S*\s{2,}\S/.test(text)) return false;
  const pairs = text.match(/(?:^|\s)[A-Za-z_][\w.-]*=/g) ?? [];
  if (pairs.length >= 2 && !/^[A-Z_][A-Z0-9_]*=/.test(text) && !/\s[a-z][\w-]*\s+-/.test(text)) return false;
  return true;
}

/**
 * A known word leading a line of prose or output rather than a command: `kill the pod
 * and see`, `time: 5ms`, `test passed`, `watch this:`. A command's next word is not a
 * sentence word followed by more, and nothing ends it with a colon or full stop.
 */
function readsAsProse(text: string, word: string): boolean {
  if (text.length === word.length) return false;
  // kubectl's report on an object: `service "web" deleted`, `pod "x" force deleted`.
  if (KUBECTL_RESULT.test(text)) return true;
  if (/^[A-Za-z-]+:(\s|$)/.test(text)) return true;
  // A trailing comment is the author's word about a command, not a sentence instead of one.
  const words = text.replace(/\s#.*$/, '');
  const korean = words.split(/\s+/).filter((token) => /[가-힣]/.test(token)).length;
  return korean >= 2 && !/['"`$|=<>]|\s-/.test(words) && /[가-힣]{2,}\s*$/.test(words);
}

function oneEditApart(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1 || a.length < 4) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  // Substitution, insertion, deletion, or two neighbours swapped (`kubetcl`).
  return (
    a.slice(i + 1) === b.slice(i + 1) ||
    a.slice(i) === b.slice(i + 1) ||
    a.slice(i + 1) === b.slice(i) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2))
  );
}


/** Words the shell runs itself, so no program has to be installed for them. */
export const isShellWord = (word: string): boolean => SHELL_WORDS.has(word);
