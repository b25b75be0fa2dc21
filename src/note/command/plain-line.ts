// A command bash may run as it is written in a sourced file, not through `eval`: one
// line with nothing that could make bash read past it or end the file early (see
// run/batch-script.ts). bash runs such a line at half the cost of an `eval`.

/** One line of quoting-free text with no compound, redirection from input, background job or `exit`. */
const PLAIN = /^[^'"`\\(){}<#&\n]*$/;
const NEEDS_EVAL = /\b(if|then|else|elif|fi|case|esac|for|while|until|select|do|done|function|exit|return|logout)\b/;

export function isPlainLine(command: string): boolean {
  return PLAIN.test(command) && !NEEDS_EVAL.test(command);
}
