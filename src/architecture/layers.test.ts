/**
 * Layers flow one way (docs/decisions.md D11): `http | cli → services → domain`, `services → db`,
 * `ingest` below services, `demo` on top writing through services and repositories. This test
 * reads the import statements of every .ts file under src/ and fails, listing the offenders,
 * when an import goes the wrong way or when SQL is written outside src/db.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importsOf, QUERY_CALLS, sourceFiles, sqlOutsideDb, wrongImports, type SourceFile } from './source-scan';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..');

const only = (...layers: string[]) => (target: string) => layers.includes(target);
const not = (...layers: string[]) => (target: string) => !layers.includes(target);
const list = (offenders: string[]) => `\n  ${offenders.join('\n  ')}\n`;

const RULES: Array<{ title: string; layer: string; allowed: (target: string) => boolean }> = [
  { title: 'domain imports only domain', layer: 'domain', allowed: only('domain', '(data)') },
  { title: 'shared imports only shared', layer: 'shared', allowed: only('shared') },
  { title: 'ingest does not import services, http, cli, demo', layer: 'ingest', allowed: not('services', 'http', 'cli', 'demo') },
  { title: 'services do not import http, cli, demo', layer: 'services', allowed: not('http', 'cli', 'demo') },
  { title: 'db does not import services, http, cli, ingest, demo', layer: 'db', allowed: not('services', 'http', 'cli', 'ingest', 'demo') },
];

describe('layers flow one way', () => {
  const files = sourceFiles(SRC).filter((f) => !f.path.startsWith('architecture/'));

  it('reads the source tree', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.path === 'services/intake/flux-ingester.ts')).toBe(true);
  });

  for (const rule of RULES) {
    it(rule.title, () => {
      const offenders = wrongImports(files, rule.layer, rule.allowed);
      expect(offenders, `${rule.title}; offending imports:${list(offenders)}`).toEqual([]);
    });
  }

  it('no SQL outside src/db (Kysely query builder calls, sql templates, raw query strings)', () => {
    const offenders = sqlOutsideDb(files);
    expect(offenders, `SQL outside src/db — add a repository function:${list(offenders)}`).toEqual([]);
  });
});

describe('the scanner finds violations', () => {
  const example: SourceFile[] = [
    { path: 'domain/x/a.ts', text: "import { a } from '../y/b';\nimport type {\n  S,\n} from '../../services/s';\nexport { c } from '../../db/c';" },
    { path: 'ingest/arrets/p.ts', text: "const m = await import('../../services/intake/x');\nimport '../../demo/seed';\nimport { ok } from '../../db/repositories/flux.repository';" },
    { path: 'services/s.ts', text: ['const r = await ctx.trx.', QUERY_CALLS[0], "('tenant').select('id').execute();\n", 'await sq', 'l`select 1`.execute(db);\n', "const q = 'select id from tenant';"].join('') },
    { path: 'db/repositories/r.ts', text: ['import { x } from "../../services/x";\n', 'db.', QUERY_CALLS[1], "('t');"].join('') },
  ];

  it('reads static, type, re-export, side-effect and dynamic imports', () => {
    expect(importsOf(example[0].text)).toEqual(['../y/b', '../../services/s', '../../db/c']);
    expect(importsOf(example[1].text).sort()).toEqual(['../../db/repositories/flux.repository', '../../demo/seed', '../../services/intake/x']);
  });

  it('reports imports against the rules', () => {
    expect(wrongImports(example, 'domain', only('domain'))).toEqual(['domain/x/a.ts → ../../services/s', 'domain/x/a.ts → ../../db/c']);
    expect(wrongImports(example, 'ingest', not('services', 'http', 'cli', 'demo')).sort()).toEqual(['ingest/arrets/p.ts → ../../demo/seed', 'ingest/arrets/p.ts → ../../services/intake/x']);
    expect(wrongImports(example, 'db', not('services'))).toEqual(['db/repositories/r.ts → ../../services/x']);
  });

  it('the scanner itself holds no query and passes its own scan', () => {
    const scanner = sourceFiles(SRC).filter((f) => f.path === 'architecture/source-scan.ts');
    expect(scanner).toHaveLength(1);
    expect(sqlOutsideDb(scanner)).toEqual([]);
  });

  it('reports SQL outside src/db, not inside', () => {
    const found = sqlOutsideDb(example);
    expect(found.map((o) => o.slice(0, o.indexOf(': ')))).toEqual(['services/s.ts:1', 'services/s.ts:2', 'services/s.ts:3']);
  });
});
