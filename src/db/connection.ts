/**
 * Opens the database: a PostgreSQL server when DATABASE_URL is set, otherwise the embedded
 * PGlite engine (data in MAINTIEN_DATA_DIR, default ./data; `memory://` keeps it in memory).
 * Both engines return the same JS types: `date` as 'YYYY-MM-DD', int8 as number.
 */
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { mkdirSync } from 'node:fs';
import { PGliteDialect } from './pglite-driver';
import type { DB } from './schema';

export type Engine = 'pglite' | 'postgres';

export interface Database {
  readonly db: Kysely<DB>;
  readonly engine: Engine;
  /** Present on the embedded engine (bulk loads use its COPY from a blob). */
  readonly pglite?: PGlite;
  /** Present on the server engine. */
  readonly pool?: pg.Pool;
  /** A short description without credentials, for logs and benchmark reports. */
  readonly description: string;
  /**
   * Runs a multi-statement SQL script (no parameters) on one session: migrations and bulk
   * loads. `fn` receives an executor bound to that session.
   */
  withSession<T>(fn: (exec: (script: string) => Promise<Record<string, unknown>[]>) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string;
  dataDir?: string;
  poolSize?: number;
  /** Embedded engine: PostgreSQL's shared_buffers (default MAINTIEN_PGLITE_SHARED_BUFFERS or 256MB). */
  sharedBuffers?: string;
}

const SIZE = /^\d+(kB|MB|GB)$/;

const OID_INT8 = 20;
const OID_DATE = 1082;
const OID_NUMERIC = 1700;

const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === OID_DATE) return (v: string) => v;
    if (oid === OID_INT8 || oid === OID_NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

/** Opens the database described by the options (or by the environment when omitted). */
export async function openDatabase(opts: DatabaseOptions = {}): Promise<Database> {
  const url = opts.databaseUrl ?? process.env.DATABASE_URL;
  if (url) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10, types: pgTypes });
    pool.on('error', () => {
      /* an idle client lost its server: the pool replaces it on next use */
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const u = new URL(url);
    return {
      db,
      engine: 'postgres',
      pool,
      description: `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`,
      withSession: async (fn) => {
        const client = await pool.connect();
        try {
          return await fn(async (script) => {
            const res = (await client.query(script)) as unknown as pg.QueryResult | pg.QueryResult[];
            const last = Array.isArray(res) ? res[res.length - 1] : res;
            return (last?.rows ?? []) as Record<string, unknown>[];
          });
        } finally {
          client.release();
        }
      },
      close: () => db.destroy(),
    };
  }
  const dataDir = opts.dataDir ?? process.env.MAINTIEN_DATA_DIR ?? './data';
  if (!dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true });
  const sharedBuffers = opts.sharedBuffers ?? process.env.MAINTIEN_PGLITE_SHARED_BUFFERS ?? '256MB';
  if (!SIZE.test(sharedBuffers)) throw new Error(`MAINTIEN_PGLITE_SHARED_BUFFERS doit ressembler à « 256MB » (reçu « ${sharedBuffers} »).`);
  const pglite = await PGlite.create(dataDir, {
    extensions: { pg_trgm },
    // PGlite's 128MB default leaves a large service's indexes on the (WASM) file system.
    postgresqlconf: [`shared_buffers = ${sharedBuffers}`],
    parsers: {
      [OID_DATE]: (v: string) => v,
      [OID_INT8]: (v: string) => Number(v),
      [OID_NUMERIC]: (v: string) => Number(v),
    },
  });
  const db = new Kysely<DB>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    engine: 'pglite',
    pglite,
    description: `PGlite (embarqué) ${dataDir}`,
    // Holding a Kysely connection takes the driver's mutex, so nothing interleaves.
    withSession: (fn) =>
      db.connection().execute(() =>
        fn(async (script) => {
          const res = await pglite.exec(script);
          return (res[res.length - 1]?.rows ?? []) as Record<string, unknown>[];
        }),
      ),
    close: async () => {
      await db.destroy();
      await pglite.close();
    },
  };
}
