/**
 * The scene shared by the consent and partner tests: the demo service, sessions of the given
 * accounts, the organisations by kind, the demo worker's latest dossier — and no current consent
 * of that worker to Cap emploi or the Carsat.
 */
import { demoEmail, login, startTestApp, type Session, type TestApp } from '../support/app';

export interface ConsentScene {
  t: TestApp;
  s: Record<string, Session>;
  tenantId: string;
  orgId: Record<string, string>;
  workerId: string;
  dossierId: string;
}

export async function consentScene(accounts: readonly string[]): Promise<ConsentScene> {
  const t = await startTestApp();
  const s: Record<string, Session> = {};
  for (const local of accounts) s[local] = await login(t.app, demoEmail(local));
  const db = t.database.db;
  const tenantId = (await db.selectFrom('tenant').select('id').where('slug', '=', 'demo').executeTakeFirstOrThrow()).id;
  const orgs = await db.selectFrom('organisation').select(['id', 'kind']).where('tenant_id', '=', tenantId).execute();
  const orgId = Object.fromEntries(orgs.filter((o) => o.kind !== 'company').map((o) => [o.kind, o.id]));
  const workerId = s.salarie.me.user.workerId!;
  const dossierId = (await db.selectFrom('dossier').select('id').where('worker_id', '=', workerId).orderBy('opened_at', 'desc').executeTakeFirstOrThrow()).id;
  await db.deleteFrom('consent').where('worker_id', '=', workerId).where('recipient_organisation_id', 'in', [orgId.cap_emploi, orgId.carsat_service_social]).execute();
  return { t, s, tenantId, orgId, workerId, dossierId };
}
