/**
 * A dump restored before the maintien_app role existed has lost the role's grants: start-up
 * (migrate) refuses in French and names the procedure, instead of failing at the first request.
 * The full dump → fresh server → restore procedure runs in .ci/run (.ci/restore-check).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection';
import { migrate } from '../../src/db/migrate';
import { freshDatabase } from '../support/database';

let database: Database;
beforeAll(async () => {
  database = await freshDatabase();
}, 120_000);
afterAll(() => database?.close());

const exec = (script: string) => database.withSession((run) => run(script));

describe('start-up check of the application role', () => {
  it('passes on a migrated database', async () => {
    await expect(migrate(database)).resolves.toEqual([]);
  });

  it('refuses when maintien_app lost its rights on a table under row-level security, naming it', async () => {
    await exec('revoke all on dossier, consent from maintien_app');
    try {
      await expect(migrate(database)).rejects.toMatchObject({
        code: 'ROLE_APPLICATIF_ABSENT',
        message: expect.stringMatching(/n'a pas ses droits sur 2 table\(s\) \(consent, dossier\).*docs\/backup-restore\.md/),
      });
    } finally {
      await exec('grant select, insert, update, delete on dossier, consent to maintien_app');
    }
    await expect(migrate(database)).resolves.toEqual([]);
  });
});
