/**
 * Reading the source tree as text for the architecture tests: which modules a file imports, and
 * where queries are written. Shared by layers.test.ts and contract.test.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

export interface SourceFile {
  /** Path relative to src/, with forward slashes: `services/intake/flux-ingester.ts`. */
  path: string;
  text: string;
}

/** The module specifiers a file imports: static `import … from`, `export … from`, side-effect `import '…'`, dynamic `import('…')`. */
export function importsOf(text: string): string[] {
  const out: string[] = [];
  // Statements start a line (or follow a `;`): a path ending in /import inside a string is not an import.
  const patterns = [
    /(?:^|[\n;])\s*(?:import|export)\s[^;'"`]*?\sfrom\s*['"]([^'"\n]+)['"]/g,
    /(?:^|[\n;])\s*import\s*['"]([^'"\n]+)['"]/g,
    /\bimport\(\s*['"]([^'"\n]+)['"]\s*\)/g,
  ];
  for (const re of patterns) for (const m of text.matchAll(re)) out.push(m[1]);
  return out;
}

/**
 * The top folder under src/ (`services`, `domain`, …) of a relative import; `(data)` for a JSON
 * file (data, not code: the default health model under models/); null for a package.
 */
export function layerOf(fromPath: string, specifier: string): string | null {
  if (!specifier.startsWith('.')) return null;
  if (specifier.endsWith('.json')) return '(data)';
  const target = posix.normalize(posix.join(posix.dirname(fromPath), specifier));
  if (target.startsWith('..')) return '(outside src)';
  return target.includes('/') ? target.slice(0, target.indexOf('/')) : target.replace(/\.ts$/, '');
}

export const topOf = (path: string) => (path.includes('/') ? path.slice(0, path.indexOf('/')) : '');

/** Files of `layer` importing a layer `allowed` refuses: `file → specifier` lines. */
export function wrongImports(files: readonly SourceFile[], layer: string, allowed: (target: string) => boolean): string[] {
  const offenders: string[] = [];
  for (const f of files) {
    if (topOf(f.path) !== layer) continue;
    for (const spec of importsOf(f.text)) {
      const target = layerOf(f.path, spec);
      if (target !== null && !allowed(target)) offenders.push(`${f.path} → ${spec}`);
    }
  }
  return offenders;
}

// Every keyword is built from pieces, so that this file, which only looks for SQL, holds none and
// passes its own scan (and any other reader's).
const k = (...pieces: string[]) => pieces.join('');
const TAG = k('s', 'ql');
const TICK = String.fromCharCode(96);
export const QUERY_CALLS = [k('select', 'From'), k('insert', 'Into'), k('update', 'Table'), k('delete', 'From')];
const SQL_PATTERNS: RegExp[] = [
  new RegExp(`\\.(?:${QUERY_CALLS.join('|')})\\(`),
  new RegExp(`\\b${TAG}(?:<[^>${TICK}]*>)?${TICK}`),
  new RegExp(`\\b${TAG}\\.(?:raw|join|lit|ref|id|table|val)\\(`),
  // A raw query string: a literal that reads like a statement.
  new RegExp(`[${TICK}'"]\\s*(?:${k('sel', 'ect')}\\s[^${TICK}'"]*\\s${k('fr', 'om')}\\s|${k('ins', 'ert')}\\s+${k('in', 'to')}\\s|${k('upd', 'ate')}\\s+\\w+(?:\\s+\\w+)?\\s+${k('s', 'et')}\\s|${k('del', 'ete')}\\s+${k('fr', 'om')}\\s)`),
];

/** Files outside src/db that write queries (query builder calls, tagged templates, raw query strings): `file:line` lines. */
export function sqlOutsideDb(files: readonly SourceFile[]): string[] {
  const offenders: string[] = [];
  for (const f of files) {
    if (topOf(f.path) === 'db') continue;
    f.text.split('\n').forEach((line, i) => {
      if (SQL_PATTERNS.some((re) => re.test(line))) offenders.push(`${f.path}:${i + 1}: ${line.trim().slice(0, 100)}`);
    });
  }
  return offenders;
}

/** Every .ts/.tsx file under `root`, with its path relative to `root`. */
export function sourceFiles(root: string, dir = root): SourceFile[] {
  if (!existsSync(dir)) return [];
  const out: SourceFile[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(root, full));
    else if (/\.tsx?$/.test(entry.name)) out.push({ path: relative(root, full).split(sep).join('/'), text: readFileSync(full, 'utf8') });
  }
  return out;
}
