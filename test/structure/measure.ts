/**
 * Structure figures of the sources: the longest functions, and the comments that carry
 * benchmark figures (which go stale; the figures belong in the README's Performance section).
 *   npm run build && node dist/test/structure/measure.js [repository root] [how many functions]
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as ts from 'typescript';

const FOLDERS = ['src', 'workers'];
/** Generated from the OpenAPI description, not written. */
const GENERATED = new Set(['src/cli/api-schema.ts']);
/**
 * A measurement: a number with a unit of time, size, rate or ratio ("12.5 µs", "348 MiB",
 * "11,591 runs/s", "14 %", "4×"). Sizes as limits ("1 MiB of table") are measurements too when
 * they read as one, so the list is meant for a person to go through, not to fail a build.
 */
export const FIGURE = /\d[\d,.]*\s*(?:ms|µs|us|ns|s\b|MiB|KiB|GiB|MB\b|kB\b|KB\b|runs\/s|req\/s|rps\b|%|×|x (?:faster|slower))/;

export interface FunctionLength {
  file: string;
  name: string;
  line: number;
  lines: number;
}

export interface FigureComment {
  file: string;
  line: number;
  text: string;
}

function sourceFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (path.endsWith('.ts') && !GENERATED.has(relative(root, path))) files.push(path);
    }
  };
  for (const folder of FOLDERS) walk(join(root, folder));
  return files.sort();
}

function nameOf(node: ts.Node, source: ts.SourceFile): string {
  const named = node as ts.Node & { name?: ts.Node };
  if (named.name) return named.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent)) return parent.name.getText(source);
  return '(anonymous)';
}

/** Every function, method, accessor and arrow function of one file, with its length in lines. */
function functionsOf(file: string, root: string): FunctionLength[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found: FunctionLength[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && (node as ts.FunctionLikeDeclaration).body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({ file: relative(root, file), name: nameOf(node, source), line: start + 1, lines: end - start + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Comments (each block, or each run of adjacent line comments) holding a FIGURE. */
function figureCommentsOf(file: string, root: string): FigureComment[] {
  const text = readFileSync(file, 'utf8');
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, false, ts.LanguageVariant.Standard, text);
  const comments: { line: number; text: string }[] = [];
  let previousLineComment = -2;
  for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
    if (token !== ts.SyntaxKind.SingleLineCommentTrivia && token !== ts.SyntaxKind.MultiLineCommentTrivia) continue;
    const line = text.slice(0, scanner.getTokenStart()).split('\n').length;
    const comment = scanner.getTokenText();
    if (token === ts.SyntaxKind.SingleLineCommentTrivia && line === previousLineComment + 1) comments[comments.length - 1].text += `\n${comment}`;
    else comments.push({ line, text: comment });
    previousLineComment = token === ts.SyntaxKind.SingleLineCommentTrivia ? line : -2;
  }
  return comments.filter((comment) => FIGURE.test(comment.text)).map((comment) => ({ file: relative(root, file), ...comment }));
}

export function measure(root: string): { functions: FunctionLength[]; figureComments: FigureComment[] } {
  const files = sourceFiles(root);
  const functions = files.flatMap((file) => functionsOf(file, root)).sort((a, b) => b.lines - a.lines);
  return { functions, figureComments: files.flatMap((file) => figureCommentsOf(file, root)) };
}

if (require.main === module) {
  const root = process.argv[2] ?? process.cwd();
  const top = Number(process.argv[3] ?? 10);
  const { functions, figureComments } = measure(root);
  console.log(`Longest functions in ${FOLDERS.join('/, ')}/ (lines):`);
  for (const f of functions.slice(0, top)) console.log(`  ${String(f.lines).padStart(4)}  ${f.name}  ${f.file}:${f.line}`);
  console.log(`Comments with benchmark figures: ${figureComments.length}`);
  for (const c of figureComments) console.log(`  ${c.file}:${c.line}  ${c.text.replace(/\s+/g, ' ').slice(0, 140)}`);
}
