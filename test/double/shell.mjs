// A tiny POSIX-ish shell for the simulated container: words, quotes, $VARS, $(...),
// pipes, ;, &&, ||, redirections, and a handful of builtins.

// ---------- lexer ----------
// tokens: {t:'word', parts:[...]} | {t:'op', v:'|'|'||'|'&&'|';'|'&'|'\n'} | {t:'redir', fd, op, target?}
export function lex(src) {
  const toks = [];
  let i = 0;
  const n = src.length;
  const readDollar = () => {
    // at src[i] === '$'
    i++;
    if (src[i] === '(') {
      let depth = 1;
      let j = i + 1;
      let q = null;
      for (; j < n && depth; j++) {
        const c = src[j];
        if (q) {
          if (c === q) q = null;
          else if (c === '\\' && q === '"') j++;
        } else if (c === "'" || c === '"') q = c;
        else if (c === '(') depth++;
        else if (c === ')') depth--;
      }
      const script = src.slice(i + 1, j - 1);
      i = j;
      return { t: 'cmd', script };
    }
    if (src[i] === '{') {
      const j = src.indexOf('}', i);
      const name = src.slice(i + 1, j < 0 ? n : j);
      i = j < 0 ? n : j + 1;
      return { t: 'var', name: name.replace(/[:-].*$/, ''), dflt: /:?-/.test(name) ? name.replace(/^[^:-]*:?-/, '') : undefined };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[?$#0-9!@*])/.exec(src.slice(i));
    if (!m) return { t: 'lit', v: '$' };
    i += m[0].length;
    return { t: 'var', name: m[0] };
  };
  while (i < n) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (c === '\\' && src[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n' || c === ';') {
      toks.push({ t: 'op', v: c === '\n' ? ';' : ';' });
      i++;
      continue;
    }
    if (c === '|' || c === '&') {
      if (src[i + 1] === c) {
        toks.push({ t: 'op', v: c + c });
        i += 2;
      } else if (c === '&' && src[i + 1] === '>') {
        i += 2;
        toks.push({ t: 'redir', fd: 1, op: '>', both: true });
      } else {
        toks.push({ t: 'op', v: c });
        i++;
      }
      continue;
    }
    let m;
    if ((m = /^(\d?)(>>|>&|<|>)/.exec(src.slice(i)))) {
      i += m[0].length;
      const fd = m[1] ? Number(m[1]) : m[2] === '<' ? 0 : 1;
      if (m[2] === '>&') {
        const d = /^\d/.exec(src.slice(i));
        if (d) {
          i += 1;
          toks.push({ t: 'redir', fd, op: 'dup', to: Number(d[0]) });
          continue;
        }
      }
      toks.push({ t: 'redir', fd, op: m[2] === '>&' ? '>' : m[2] });
      continue;
    }
    // a word
    const parts = [];
    while (i < n && !/[\s;|&<>]/.test(src[i])) {
      const ch = src[i];
      if (ch === "'") {
        const j = src.indexOf("'", i + 1);
        if (j < 0) throw new ShellSyntax(`unterminated quoted string`);
        parts.push({ t: 'sq', v: src.slice(i + 1, j) });
        i = j + 1;
      } else if (ch === '"') {
        i++;
        const inner = [];
        let lit = '';
        while (i < n && src[i] !== '"') {
          if (src[i] === '\\' && '"\\$`\n'.includes(src[i + 1])) {
            lit += src[i + 1];
            i += 2;
          } else if (src[i] === '$') {
            if (lit) inner.push({ t: 'lit', v: lit });
            lit = '';
            inner.push(readDollar());
          } else lit += src[i++];
        }
        if (i >= n) throw new ShellSyntax('unterminated quoted string');
        i++;
        if (lit) inner.push({ t: 'lit', v: lit });
        parts.push({ t: 'dq', parts: inner });
      } else if (ch === '\\') {
        parts.push({ t: 'sq', v: src[i + 1] ?? '' });
        i += 2;
      } else if (ch === '$') {
        parts.push(readDollar());
      } else if (ch === '`') {
        const j = src.indexOf('`', i + 1);
        parts.push({ t: 'cmd', script: src.slice(i + 1, j < 0 ? n : j) });
        i = j < 0 ? n : j + 1;
      } else {
        let lit = '';
        while (i < n && !/[\s;|&<>'"\\$`]/.test(src[i])) lit += src[i++];
        parts.push({ t: 'lit', v: lit });
      }
    }
    toks.push({ t: 'word', parts });
  }
  return toks;
}

export class ShellSyntax extends Error {}

// ---------- parser ----------
// program: [{ chain: [{ op: null|'&&'|'||', pipeline: [cmd] }] }]
export function parse(src) {
  const toks = lex(src);
  const program = [];
  let chain = [];
  let pipeline = [];
  let cmd = { words: [], redirs: [] };
  let pendingOp = null;
  const endCmd = () => {
    if (cmd.words.length || cmd.redirs.length) pipeline.push(cmd);
    cmd = { words: [], redirs: [] };
  };
  const endPipeline = (op) => {
    endCmd();
    if (pipeline.length) chain.push({ op: pendingOp, pipeline });
    else if (op && op !== ';') throw new ShellSyntax(`syntax error: unexpected "${op}"`);
    pipeline = [];
    pendingOp = op === '&&' || op === '||' ? op : null;
  };
  for (let k = 0; k < toks.length; k++) {
    const t = toks[k];
    if (t.t === 'word') cmd.words.push(t.parts);
    else if (t.t === 'redir') {
      if (t.op === 'dup' || t.both) cmd.redirs.push(t.both ? { fd: 1, op: '>', target: null, both: true } : { fd: t.fd, op: 'dup', to: t.to });
      else {
        const next = toks[k + 1];
        if (!next || next.t !== 'word') throw new ShellSyntax('syntax error: unexpected newline');
        cmd.redirs.push({ fd: t.fd, op: t.op, target: next.parts });
        k++;
      }
      if (t.both) {
        const next = toks[k + 1];
        if (next?.t === 'word') {
          cmd.redirs[cmd.redirs.length - 1].target = next.parts;
          k++;
        }
      }
    } else if (t.v === '|') {
      endCmd();
      if (!pipeline.length) throw new ShellSyntax('syntax error: unexpected "|"');
    } else if (t.v === '&&' || t.v === '||') endPipeline(t.v);
    else {
      endPipeline(';');
      if (chain.length) program.push({ chain });
      chain = [];
    }
  }
  endPipeline(';');
  if (chain.length) program.push({ chain });
  return program;
}
