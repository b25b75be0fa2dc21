/**
 * The container images a command's kubectl names on its command line (`kubectl run x
 * --image=nginx`, `kubectl create deployment web --image nginx:1.27`), in order: the
 * cluster pulls them when the command runs. A value built by the shell (`$IMAGE`) names
 * nothing known before the note runs.
 */
export function imagesNamed(command: string): string[] {
  if (!command.includes('--image') || !/\bkubectl\b/.test(command)) return [];
  return [...command.matchAll(/--image[= ]['"]?([^\s'"$]+)/g)].map(([, image]) => image);
}
