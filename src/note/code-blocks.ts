import type { Code, Heading, ListItem, Paragraph, Root, RootContent } from 'mdast';
import { toString } from 'mdast-util-to-string';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import type { Context } from '../model.js';
import { setAsideFenceBodies, type ShortenedNote } from './fence-bodies.js';

/** A fenced code block, with the note lines it came from. */
export interface CodeBlock {
  lang: string;
  meta: string;
  /** 1-based line of the opening fence. */
  fenceLine: number;
  indent: string;
  /** Content lines as the fence's indentation leaves them; line i is note line fenceLine + 1 + i. */
  lines: string[];
  /** False when the fence runs to the end of its container without a closing fence. */
  closed: boolean;
  context: Context;
  /** Link targets in the text right above the block (they may name manifest files). */
  linksAbove: string[];
  /** HTML comments (`<!-- notes-run: skip -->`) right above the block. */
  directives: string[];
}

const parser = unified().use(remarkParse);

/** `setAsideBodies: false` makes remark read the fence bodies too: the slow, plain way, kept to test the fast one against. */
export function codeBlocks(text: string, { setAsideBodies = true } = {}): CodeBlock[] {
  const { tree } = setAsideBodies ? markdownTree(text) : { tree: parser.parse(text) as Root };
  const noteLines = text.split('\n');
  const blocks: CodeBlock[] = [];
  const headings: string[] = [];
  walk(tree.children, { headings, above: NOTHING_ABOVE, directives: [] }, noteLines, blocks);
  return blocks;
}

export function markdownTree(text: string): { tree: Root; bodiesSetAside: boolean } {
  const short = setAsideFenceBodies(text);
  if (short) {
    const tree = parser.parse(short.text) as Root;
    if (restoreBodies(tree, short)) return { tree, bodiesSetAside: true };
  }
  return { tree: parser.parse(text) as Root, bodiesSetAside: false };
}

/** Puts the set-aside bodies back and note lines on every code block; false if remark saw a fence differently. */
function restoreBodies(tree: Root, short: ShortenedNote): boolean {
  const fences = new Map(short.fences.map((fence) => [fence.shortLine, fence]));
  let restored = 0;
  visit(tree, 'code', (node) => {
    const { start, end } = node.position!;
    const fence = fences.get(start.line);
    if (fence && start.column === fence.indent + 1 && end.line === start.line + 1 && node.value === '') {
      [start.line, end.line, node.value] = [fence.openLine, fence.closeLine, fence.body];
      restored++;
    } else {
      [start.line, end.line] = [short.noteLine(start.line), short.noteLine(end.line)];
    }
  });
  return restored === short.fences.length;
}

interface Surroundings {
  headings: string[];
  above: Above;
  directives: string[];
}

/** The paragraph or list-item text right above a block, and the link targets in it. */
interface Above {
  text: string;
  links: string[];
}

const NOTHING_ABOVE: Above = { text: '', links: [] };

function walk(nodes: RootContent[], around: Surroundings, noteLines: string[], out: CodeBlock[]): void {
  let above = around.above;
  let directives: string[] = [];
  for (const node of nodes) {
    if (node.type === 'heading') {
      setHeading(around.headings, node);
      above = NOTHING_ABOVE;
    } else if (node.type === 'code') {
      out.push(toBlock(node, around.headings, above, directives, noteLines));
      directives = [];
      continue;
    } else if (node.type === 'list') {
      for (const item of node.children) walkItem(item, around.headings, directives, noteLines, out);
      above = NOTHING_ABOVE;
    } else if (node.type === 'paragraph') {
      above = describe(node);
    } else if (node.type === 'html') {
      directives.push(node.value);
      continue;
    } else if ('children' in node) {
      walk(node.children as RootContent[], { headings: around.headings, above, directives }, noteLines, out);
    }
    directives = [];
  }
}

function walkItem(item: ListItem, headings: string[], directives: string[], noteLines: string[], out: CodeBlock[]): void {
  const first = item.children[0];
  const above = first && first.type === 'paragraph' ? describe(first) : NOTHING_ABOVE;
  walk(item.children, { headings, above, directives }, noteLines, out);
}

function describe(paragraph: Paragraph): Above {
  const links: string[] = [];
  visit(paragraph, 'link', (link) => {
    links.push(link.url);
  });
  return { text: toString(paragraph), links };
}

function setHeading(headings: string[], node: Heading): void {
  headings.length = Math.min(headings.length, node.depth - 1);
  while (headings.length < node.depth - 1) headings.push('');
  headings.push(toString(node));
}

function toBlock(node: Code, headings: string[], above: Above, directives: string[], noteLines: string[]): CodeBlock {
  const start = node.position!.start;
  const end = node.position!.end;
  const fence = noteLines[start.line - 1];
  const indent = fence.slice(0, start.column - 1);
  // A fence in a blockquote (`> ```bash`) sits behind the quote's markers, on both lines.
  const marker = /^[\s>]*(`{3,}|~{3,})/.exec(fence)?.[1] ?? '```';
  const lastLine = noteLines[end.line - 1] ?? '';
  const closed =
    end.line > start.line && new RegExp(`^[\\s>]*${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`).test(lastLine);
  const lines = node.value === '' ? [] : node.value.split('\n');
  return {
    lang: (node.lang ?? '').toLowerCase(),
    meta: node.meta ?? '',
    fenceLine: start.line,
    indent,
    lines,
    closed,
    context: { headings: headings.filter((h) => h !== ''), text: above.text },
    linksAbove: above.links,
    directives: [...directives],
  };
}
