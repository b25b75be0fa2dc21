/** A command line cut into simple commands, as far as deciding what it does needs. */
export interface CommandLine {
  /** Words of each simple command (split at `;`, `&&`, `||`, `|`, `&`, newlines), quotes removed. */
  commands: string[][];
  /** The bodies of `$( ... )` substitutions. */
  substitutions: string[];
  /** A lone `&` puts something in the background. */
  background: boolean;
  /** `>` into a file (not `/dev/null`, not `>&N`). */
  writesFile: boolean;
  /** More than one line once `\` continuations are joined. */
  multiline: boolean;
}

export function splitCommandLine(command: string): CommandLine {
  const text = command.replace(/\\\n/g, ' ');
  const line: CommandLine = { commands: [[]], substitutions: [], background: false, writesFile: false, multiline: text.includes('\n') };
  let word: string | undefined;
  let quote: string | undefined;
  const endWord = () => {
    if (word !== undefined) line.commands[line.commands.length - 1].push(word);
    word = undefined;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word ??= '';
    } else if (c === '$' && text[i + 1] === '(') {
      const close = text.indexOf(')', i);
      const end = close === -1 ? text.length : close;
      line.substitutions.push(text.slice(i + 2, end));
      word = (word ?? '') + '$()';
      i = end;
    } else if (c === '>') {
      const target = /^>?\s*(&\d|\/dev\/null)/.exec(text.slice(i + 1));
      if (!target) line.writesFile = true;
      // A file descriptor number before `>` is part of the redirection, not a word.
      if (word !== undefined && /^\d$/.test(word)) word = undefined;
      endWord();
      i += target ? target[0].length : 0;
    } else if (c === '&' && text[i + 1] !== '&' && text[i - 1] !== '&') {
      line.background = true;
      endWord();
      line.commands.push([]);
    } else if (c === '\n' || c === ';' || c === '|' || c === '&') {
      endWord();
      if (text[i + 1] === c) i++;
      line.commands.push([]);
    } else if (/\s/.test(c)) {
      endWord();
    } else {
      word = (word ?? '') + c;
    }
  }
  endWord();
  line.commands = line.commands.filter((words) => words.length > 0);
  return line;
}
