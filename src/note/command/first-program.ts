// What the first word of a line says before the line is read as a command: whether an
// unlabelled block is shell, whether a block goes on typing into a session or is back
// on the host. Only a handful of programs are that telling.

/** Tools a Kubernetes note runs on its host, that no container prompt types. */
const HOST_TOOLS = /^\s*(kubectl|k|docker|podman|helm|minikube|kind|k3d|k3s)\s/;
/** Programs that open a session into a container (`kubectl exec -it`, `docker exec -it`). */
const SESSION_OPENERS = /^\s*(kubectl|k|docker|podman)\s/;
/** First words that make an unlabelled block read as shell. */
const SHELL_STARTS = /^\s*(kubectl|k|helm|docker|minikube|kind|k3d|curl|cat|echo|export)\s/;

export const startsWithHostTool = (line: string): boolean => HOST_TOOLS.test(line);
export const startsWithSessionOpener = (line: string): boolean => SESSION_OPENERS.test(line);
export const startsLikeShell = (line: string): boolean => SHELL_STARTS.test(line);
