/** Chunks sized by time on the embedded engine (issue 14 item 4): how the next chunk's line count follows the pace. */
import { afterEach, describe, expect, it } from 'vitest';
import { chunkSizer, DEFAULT_CHUNK_MS, DEFAULT_CHUNK_SIZE } from './flux-ingester';

afterEach(() => {
  delete process.env.MAINTIEN_FLUX_CHUNK;
  delete process.env.MAINTIEN_FLUX_CHUNK_MS;
});

describe('chunkSizer', () => {
  it('on a server, without a target, or with MAINTIEN_FLUX_CHUNK or a fixed size: fixed, whatever the pace', () => {
    const server = chunkSizer({ embedded: false, targetMs: 25 });
    server.observe(DEFAULT_CHUNK_SIZE, 60_000);
    expect([server.timed, server.size]).toEqual([false, DEFAULT_CHUNK_SIZE]);
    expect(chunkSizer({ embedded: true }).size).toBe(DEFAULT_CHUNK_SIZE); // the demo seed, the ingest bench
    process.env.MAINTIEN_FLUX_CHUNK = '1000';
    const env = chunkSizer({ embedded: true, targetMs: 25 });
    env.observe(1000, 5);
    expect([env.timed, env.size]).toEqual([false, 1000]);
    expect(chunkSizer({ embedded: true, fixed: 7, targetMs: 25 }).size).toBe(7);
  });

  it('on the embedded engine: the pace of the last full chunk times the target, at most doubling, within 10–10,000 lines', () => {
    const s = chunkSizer({ embedded: true, targetMs: DEFAULT_CHUNK_MS });
    expect(s.timed).toBe(true);
    expect(s.targetMs).toBe(DEFAULT_CHUNK_MS);
    expect(s.size).toBe(50);
    s.observe(50, 100); // 0.5 line/ms × 25 ms
    expect(s.size).toBe(13);
    s.observe(13, 1); // fast: grows, but twofold at most
    expect(s.size).toBe(26);
    s.observe(26, 10_000); // very slow: never under 10 lines
    expect(s.size).toBe(10);
    s.observe(3, 1); // the last, short chunk of the file says nothing
    expect(s.size).toBe(10);
    const long = chunkSizer({ embedded: true, targetMs: 1000 });
    for (let i = 0; i < 20; i++) long.observe(long.size, 1);
    expect(long.size).toBe(DEFAULT_CHUNK_SIZE);
  });

  it('MAINTIEN_FLUX_CHUNK_MS sets the target (over the caller’s)', () => {
    process.env.MAINTIEN_FLUX_CHUNK_MS = '200';
    const s = chunkSizer({ embedded: true, targetMs: 1000 });
    expect(s.targetMs).toBe(200);
    s.observe(50, 50);
    expect(s.size).toBe(100); // 1 line/ms × 200 ms = 200, but twofold at most
  });
});
