import { namespacesOf, optionalParts, rewriteBoth, type PortabilityFact } from './fact.js';
import { flavoursDiffer, minorsDiffer } from './versions.js';

// What a cluster says about itself: its versions, its nodes' roles and software, its API
// server's address, its runtime's id prefixes, its default storage class. All of them
// differ between flavours and versions by nature; the state next to them (Ready or not,
// Bound or not, which image) is still compared.

export const versionOutput: PortabilityFact = {
  id: 'kubectl-version-output',
  changed: '`kubectl version` prints the client and server versions it finds (and, by release, a Kustomize line, a skew warning or `--short`\'s deprecation warning)',
  appliesTo: 'kubectl or API servers of different versions',
  example: {
    command: 'kubectl version',
    old: 'Client Version: v1.22.5\nServer Version: v1.22.5',
    new: 'Client Version: v1.34.1\nKustomize Version: v5.7.1\nServer Version: v1.34.1+k3s1',
  },
  holds: (recorded, current) => recorded.client !== current.client || recorded.server !== current.server || recorded.client === undefined,
  align: (sides, { command }) => {
    if (command.kubectl?.verb !== 'version') return sides;
    const versioned = rewriteBoth(sides, (key) =>
      key
        .replace(/^(Client|Server|Kustomize) Version: .*$/, '$1 Version: <<version>>')
        .replace(/^(Client|Server) Version: version\.Info\{.*\}$/, '$1 Version: <<version>>'),
    );
    return optionalParts(versioned, [
      /^Kustomize Version: <<version>>$/g,
      /^WARNING: version difference between client \(.*\) and server \(.*\) exceeds the supported minor version skew of \+\/-1$/g,
      /^WARNING: This version information is deprecated and will be replaced with the output from kubectl version --short\.\s+Use --output=yaml\|json to get the full version\.$/g,
    ]);
  },
};

export const nodeRows: PortabilityFact = {
  id: 'node-row-by-flavour',
  changed: '`get nodes` shows each flavour\'s roles (`control-plane,master` on k3s, `control-plane` on kubeadm, `master` before 1.20), kubelet version, OS image, kernel and runtime',
  appliesTo: 'a note recorded on another flavour or version than the current one (or not known to be the same)',
  example: {
    command: 'kubectl get nodes',
    old: 'NAME             STATUS   ROLES                  AGE   VERSION\ndocker-desktop   Ready    control-plane,master   5d    v1.22.5',
    new: 'NAME               STATUS   ROLES                  AGE   VERSION\nk3d-dev-server-0   Ready    control-plane,master   2d    v1.34.1+k3s1',
  },
  holds: (recorded, current) => flavoursDiffer(recorded, current) || minorsDiffer(recorded.server, current.server),
  align: (sides) => {
    let inNodes = false;
    return rewriteBoth(sides, (key) => {
      if (/^NAME STATUS ROLES AGE VERSION\b/.test(key)) {
        inNodes = true;
        return key.replace(/ OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME$/, '');
      }
      if (key === '' || !inNodes) {
        inNodes = inNodes && key !== '';
        return key;
      }
      // NAME STATUS ROLES AGE VERSION [INTERNAL-IP EXTERNAL-IP OS-IMAGE... KERNEL RUNTIME]
      const words = key.split(' ');
      if (words.length < 5 || !/^v\d/.test(words[4])) return key;
      const addresses = words.length > 5 ? ` ${words.slice(5, 7).join(' ')}` : '';
      return `${words[0]} ${words[1]} <<roles>> ${words[3]} <<version>>${addresses}`;
    });
  },
};

export const apiServerAddress: PortabilityFact = {
  id: 'apiserver-address-by-flavour',
  changed: '`cluster-info` names the API server where the flavour serves it (`https://kubernetes.docker.internal:6443`, `https://127.0.0.1:39345` on k3d) and lists the flavour\'s add-ons (Metrics-server on k3s); before 1.20 it said `Kubernetes master`',
  appliesTo: 'a note recorded on another flavour or version than the current one (or not known to be the same)',
  example: {
    command: 'kubectl cluster-info',
    old: 'Kubernetes control plane is running at https://kubernetes.docker.internal:6443\nCoreDNS is running at https://kubernetes.docker.internal:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy',
    new: 'Kubernetes control plane is running at https://0.0.0.0:39345\nCoreDNS is running at https://0.0.0.0:39345/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\nMetrics-server is running at https://0.0.0.0:39345/api/v1/namespaces/kube-system/services/https:metrics-server:https/proxy',
  },
  holds: (recorded, current) => flavoursDiffer(recorded, current) || minorsDiffer(recorded.client, current.client),
  align: (sides, { command }) => {
    if (command.kubectl?.verb !== 'cluster-info') return sides;
    const addressed = rewriteBoth(sides, (key) =>
      key.replace(/^Kubernetes master is running at/, 'Kubernetes control plane is running at').replace(/\bhttps:\/\/[^/\s]+/g, '<<apiserver>>'),
    );
    return optionalParts(addressed, [/^Metrics-server is running at .*$/g, /^KubeDNS is running at .*$/g]);
  },
};

export const runtimeIdPrefixes: PortabilityFact = {
  id: 'container-runtime-by-flavour',
  changed: 'container and image ids carry the runtime\'s prefix: `docker://` and `docker-pullable://` on Docker Desktop and minikube, `containerd://` and `docker.io/` elsewhere',
  appliesTo: 'a note recorded on another flavour than the current one (or not known to be the same)',
  example: {
    command: 'kubectl describe pod sleep',
    old: '    Container ID:   docker://3f4e9c2b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f\n    Image ID:       docker-pullable://kiamol/ch03-sleep@sha256:3f4e9c2b8a7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f',
    new: '    Container ID:   containerd://a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90\n    Image ID:       docker.io/kiamol/ch03-sleep@sha256:a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90',
  },
  holds: flavoursDiffer,
  align: (sides) =>
    rewriteBoth(sides, (key) =>
      key
        .replace(/\b(?:docker|containerd|cri-o):\/\/(?=<<container-id>>)/g, '<<runtime>>://')
        .replace(/\b(?:docker-pullable:\/\/|docker\.io\/)((?:library\/)?[\w.\/-]+@sha256:)/g, (_all, image: string) => image.replace(/^library\//, '')),
    ),
};

const STORAGE_CLASSES = 'hostpath|local-path|standard|csi-hostpath-sc';

export const storageClass: PortabilityFact = {
  id: 'storage-class-by-flavour',
  changed: 'each flavour\'s default StorageClass has its own name: `hostpath` on Docker Desktop, `local-path` on k3s, `standard` on kind and minikube',
  appliesTo: 'a note recorded on another flavour than the current one (or not known to be the same)',
  example: {
    command: 'kubectl get pvc',
    old: 'NAME       STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE\ndata-pvc   Bound    pvc-3b0c8f5e-0d7f-4f57-9a53-6f2a1c9d0e11   1Gi        RWO            hostpath       5s',
    new: 'NAME       STATUS   VOLUME                                     CAPACITY   ACCESS MODES   STORAGECLASS   AGE\ndata-pvc   Bound    pvc-8a7d6e5f-4a3b-4c1d-9e9f-8a7b6c5d4e3f   1Gi        RWO            local-path     2s',
  },
  holds: flavoursDiffer,
  align: (sides) =>
    rewriteBoth(sides, (key) =>
      key
        .replace(new RegExp(`(?<= RW[OXP]|ROX|RWOP) (?:${STORAGE_CLASSES})(?= )`, 'g'), ' <<storage-class>>')
        .replace(new RegExp(`^(StorageClass: )(?:${STORAGE_CLASSES})$`), '$1<<storage-class>>')
        .replace(new RegExp(`^(?:${STORAGE_CLASSES})( \\(default\\))? (?=\\S+ (?:Delete|Retain) )`), '<<storage-class>>$1 '),
    ),
};

export const noResourcesWording: PortabilityFact = {
  id: 'kubectl-no-resources-wording',
  changed: '`get` with nothing to show says `No resources found in NS namespace.` where kubectl before 1.17 said `No resources found.`',
  appliesTo: 'kubectl of different minor versions',
  example: { command: 'kubectl get pods', old: 'No resources found.', new: 'No resources found in default namespace.' },
  holds: (recorded, current) => minorsDiffer(recorded.client, current.client),
  align: (sides, { command }) => {
    const namespaces = namespacesOf(command);
    return rewriteBoth(sides, (key) => {
      const named = /^No resources found in (\S+) namespace\.$/.exec(key)?.[1];
      return named && (namespaces === 'any' || namespaces.includes(named)) ? 'No resources found.' : key;
    });
  },
};
