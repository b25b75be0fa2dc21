// Usage lines with placeholders the reader is meant to fill in: `kubectl scale rs
// --replicas <NUMBER> <NAME>`, `kubectl get pod <TAB>`, `curl <공인IP>:30080`,
// `‹pod›`, `mydeploy-xxx-xxx`. Run as they are they would do something else (`<NAME>`
// is a redirection), so they are never run.

/** `<NAME>` outside quotes; a redirection has a space or `&`/`(` after `<`, a here-document `<<`. */
const ANGLE = /(?<![<\w])<(?![<(&=\s-])[^<>\s'"|;&]{1,40}>/u;
/** Inside quotes only what is plainly a placeholder: capitals or Korean (`"<YOUR_TOKEN>"`), not an HTML tag. */
const QUOTED_ANGLE = /<(?:[A-Z][A-Z0-9_-]*|[^\x00-\x7f<>\s]+)>/u;
const GUILLEMETS = /[‹›«»＜＞]/;
/**
 * `<node 이름>`, `<your namespace>`: words with single spaces between them. A redirection
 * has a space after `<` or before the `>` that follows (`sort <in >out`), and no file name
 * has a space in it unquoted.
 */
const SPACED_ANGLE = /(?<![<\w])<[^\s<>'"|;&$=/.()]+(?: [^\s<>'"|;&$=/.()]+)+>/u;
/** Inside quotes: the same, when a word is in the author's language (`"<노드 IP>"`), not HTML. */
const QUOTED_SPACED_ANGLE = /<(?=[^<>]*[^\x00-\x7f])[^\s<>/=]+(?: [^\s<>/=]+)+>/u;
/**
 * `[리소스 타입]`, `[화일이름]`, `[NODE_NAME]`, `[pod-name]` standing as a word: the usage
 * line's brackets. A test (`[ -f x ]`, `[[ … ]]`) has spaces inside its brackets, a glob
 * (`[abc]*`) goes on after them, an index (`${a[0]}`, `{.items[0]}`) follows a name.
 */
const BRACKETED = /(?<=^|\s)\[(?![\s[])([^\]]{1,40})(?<!\s)\](?=\s|$)/gmu;
const BRACKETED_NAME = /[^\x00-\x7f]| |^[A-Z][A-Z0-9_]+$|^[a-z]+(?:[-_][a-z]+)+$/u;

function bracketedPlaceholder(text: string): string | undefined {
  for (const match of text.matchAll(BRACKETED)) if (BRACKETED_NAME.test(match[1])) return match[0];
  return undefined;
}
/** A name part written as x's where the generated part goes: `web-xxx-xxx`, `10.42.xx.xx`, `sleep-XXXXX`. */
const MASKED_PART = /(?:^|[-.:/@])(?:x{2,}|X{2,})(?=$|[-.:/\s'"])/m;

/** The placeholder that makes `command` a template, if any. */
export function placeholderIn(command: string): string | undefined {
  // Most commands hold none of the characters a placeholder needs.
  if (!command.includes('<') && !command.includes('[') && !/xx|XX|[‹›«»＜＞]/.test(command)) return undefined;
  if (GUILLEMETS.test(command)) return GUILLEMETS.exec(command)![0];
  const bare = unquoted(command);
  const angle =
    ANGLE.exec(bare.outside)?.[0] ??
    SPACED_ANGLE.exec(bare.outside)?.[0] ??
    bracketedPlaceholder(bare.outside) ??
    QUOTED_ANGLE.exec(bare.inside)?.[0] ??
    QUOTED_SPACED_ANGLE.exec(bare.inside)?.[0];
  if (angle) return angle;
  if (command.includes('<TAB>')) return '<TAB>';
  for (const word of bare.outside.split(/\s+/)) {
    if ((word.includes('xx') || word.includes('XX')) && MASKED_PART.test(word) && !/^-/.test(word)) return word;
  }
  return undefined;
}

/** The text outside quotes (quoted parts blanked) and the text inside them. */
function unquoted(command: string): { outside: string; inside: string } {
  let outside = '';
  let inside = '';
  let quote: string | undefined;
  for (const c of command) {
    if (quote) {
      if (c === quote) {
        quote = undefined;
        outside += ' ';
      } else inside += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inside += ' ';
    } else outside += c;
  }
  return { outside, inside };
}
