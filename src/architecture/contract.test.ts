/**
 * The contract's boundaries (docs/decisions.md D9): the web talks to the server only through
 * src/contract and its typed client, the contract stays free of server-side code, and no file of
 * the web re-declares what the server answers.
 */
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, sourceFiles, type SourceFile } from './source-scan';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const list = (offenders: string[]) => `\n  ${offenders.join('\n  ')}\n`;

/** Web files whose imports leave web/src other than through the `@contract` alias. */
export function webImportsOutside(files: readonly SourceFile[]): string[] {
  const offenders: string[] = [];
  for (const f of files) {
    for (const spec of importsOf(f.text)) {
      if (!spec.startsWith('.')) {
        if (spec.startsWith('/') || spec.includes('/src/') || spec.startsWith('src/')) offenders.push(`${f.path} → ${spec}`);
        continue;
      }
      const target = posix.normalize(posix.join(posix.dirname(f.path), spec));
      if (target.startsWith('..')) offenders.push(`${f.path} → ${spec}`);
    }
  }
  return offenders;
}

/** Packages the contract and what it imports (pure domain modules) may use: none of the server's. */
const CONTRACT_PACKAGES = ['@sinclair/typebox'];

/**
 * Walks the modules reachable from src/contract (paths relative to src/) and reports every import
 * of a package other than TypeBox (Node, Fastify, Kysely, pg…) and every module outside
 * contract/ and domain/.
 */
export function contractClosureViolations(files: readonly SourceFile[]): string[] {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const resolve = (from: string, spec: string) => {
    const base = posix.normalize(posix.join(posix.dirname(from), spec));
    return [base, `${base}.ts`, `${base}/index.ts`].find((p) => byPath.has(p)) ?? base;
  };
  const offenders: string[] = [];
  const seen = new Set<string>();
  const queue = files.filter((f) => f.path.startsWith('contract/')).map((f) => f.path);
  while (queue.length) {
    const path = queue.pop()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const file = byPath.get(path);
    if (!file) continue;
    for (const spec of importsOf(file.text)) {
      if (!spec.startsWith('.')) {
        if (!CONTRACT_PACKAGES.includes(spec)) offenders.push(`${path} → ${spec}`);
        continue;
      }
      if (spec.endsWith('.json')) continue; // data shipped with the domain (the default model)
      const target = resolve(path, spec);
      if (!target.startsWith('contract/') && !target.startsWith('domain/')) offenders.push(`${path} → ${spec}`);
      else queue.push(target);
    }
  }
  return offenders;
}

describe('the web stands on its own, on the contract', () => {
  const web = sourceFiles(join(ROOT, 'web', 'src'));
  const src = sourceFiles(join(ROOT, 'src'));

  it('reads both trees', () => {
    expect(web.some((f) => f.path === 'client.ts')).toBe(true);
    expect(src.some((f) => f.path === 'contract/index.ts')).toBe(true);
  });

  it('web code imports web code, packages and @contract only (no relative import of src/)', () => {
    const offenders = webImportsOutside(web);
    expect(offenders, `imports leaving web/src:${list(offenders)}`).toEqual([]);
  });

  it('src/ never imports the web', () => {
    const offenders = src.flatMap((f) => importsOf(f.text).filter((s) => s.includes('web/src') || s.includes('/web/')).map((s) => `${f.path} → ${s}`));
    expect(offenders).toEqual([]);
  });

  it('the contract and the domain modules it reaches use TypeBox only: no Node, Fastify, Kysely, pg', () => {
    const offenders = contractClosureViolations(src);
    expect(offenders, `server code reachable from src/contract:${list(offenders)}`).toEqual([]);
  });

  it('no web file mirrors a server DTO: no types.ts, no interface in the transport, no untyped request', () => {
    expect(web.filter((f) => /(^|\/)types\.tsx?$/.test(f.path)).map((f) => f.path)).toEqual([]);
    const api = web.find((f) => f.path === 'api.ts')!;
    expect([...api.text.matchAll(/export (?:interface|type) (\w+)/g)].map((m) => m[1]).filter((n) => n !== 'RequestOptions')).toEqual([]);
    const untyped = web.filter((f) => f.path !== 'client.ts' && f.path !== 'api.ts' && /\brequest\s*</.test(f.text)).map((f) => f.path);
    expect(untyped).toEqual([]);
  });

  it('no answer of call() is cast', () => {
    const offenders = web.flatMap((f) =>
      f.text.split('\n').flatMap((line, i) => (/\bcall\([^;]*\)\)?\s+as\s+(?!const\b)/.test(line) ? [`${f.path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(offenders, `casts of API answers:${list(offenders)}`).toEqual([]);
  });
});

describe('the boundary checks find violations', () => {
  it('a path ending in /import inside a string is not an import', () => {
    expect(importsOf("const op = { path: '/api/v1/employer/declarations/import',\n  permission: x('a') };\nimport { y } from './y';")).toEqual(['./y']);
  });

  it('flags a web import of src/ and accepts @contract and packages', () => {
    const files: SourceFile[] = [
      { path: 'pages/A.tsx', text: "import { x } from '../../src/domain/access';\nimport { dossiers } from '@contract';\nimport { useQuery } from '@tanstack/react-query';\nimport { call } from '../client';" },
    ];
    expect(webImportsOutside(files)).toEqual(['pages/A.tsx → ../../src/domain/access']);
  });

  it('flags server code reachable from the contract, through the domain', () => {
    const files: SourceFile[] = [
      { path: 'contract/index.ts', text: "export * from './a';" },
      { path: 'contract/a.ts', text: "import { Type } from '@sinclair/typebox';\nimport { L } from '../domain/x/limits';\nimport { s } from '../services/s';" },
      { path: 'domain/x/limits.ts', text: "import { createHash } from 'node:crypto';\nimport m from '../../../models/m.json';" },
    ];
    expect(contractClosureViolations(files).sort()).toEqual(['contract/a.ts → ../services/s', 'domain/x/limits.ts → node:crypto']);
  });
});
