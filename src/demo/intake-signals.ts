/**
 * Demo content of the signals channel: declarations of arrêts by the employer « EHPAD Les
 * Tilleuls » (one « À vérifier »), fiches de liaison of the médecin conseil (some answered), and
 * saisines by the worker, the employer and the team — all through the real services, so every
 * signal is attached to a dossier, timed in the recent past, and audited. Deterministic: the
 * same demo base gives the same content.
 */
import type { Database } from '../db/connection';
import * as demoRepo from '../db/repositories/demo.repository';
import { isRole, type Principal } from '../domain/access';
import { civilDate } from '../domain/calendar/dates';
import { OPEN_STATES } from '../domain/dossier/states';
import { withCtx } from '../services/context';
import { declareArret } from '../services/intake/declaration-creator';
import { createSaisine } from '../services/intake/saisine-creator';
import { answerVprOrientation } from '../services/intake/vpr-answerer';
import { fileVprOrientation } from '../services/intake/vpr-filer';

const DAY = 86_400_000;

async function principalOf(database: Database, tenantId: string, emailLocal: string): Promise<Principal | null> {
  const m = await demoRepo.findMemberByLocalPart(database.db, tenantId, emailLocal);
  if (!m || !isRole(m.role)) return null;
  return {
    kind: 'user',
    tenantId,
    userId: m.id,
    tokenId: null,
    role: m.role,
    scopes: [],
    organisationId: m.organisation_id,
    organisationKind: m.kind,
    companyId: m.company_id,
    workerId: m.worker_id,
    label: m.display_name,
  };
}

/** Workers without an open dossier, in a stable order (names and birth dates are seeded). */
async function freeWorkers(database: Database, tenantId: string, opts: { companyId?: string; excludeCompanyId?: string; limit: number }) {
  return demoRepo.findFreeWorkers(database.db, tenantId, OPEN_STATES, opts);
}

export async function seedSignalsDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  if (await demoRepo.hasEmployerDeclaration(database.db, tenantId)) return;
  const [employer, medecinConseil, medecin, chargeMission, salarie] = await Promise.all(
    ['employeur', 'service-medical', 'medecin', 'charge-mission', 'salarie'].map((l) => principalOf(database, tenantId, l)),
  );
  if (!employer?.companyId || !medecinConseil || !medecin || !chargeMission) return;
  const at = (daysAgo: number, hour = 10) => {
    const d = new Date(now.getTime() - daysAgo * DAY);
    d.setUTCHours(hour, 17 * (daysAgo % 3), 0, 0);
    return d.getTime() > now.getTime() ? now : d;
  };
  const day = (daysAgo: number) => civilDate(new Date(now.getTime() - daysAgo * DAY));

  // --- Employer declarations (EHPAD Les Tilleuls) -------------------------------------------------
  const staff = await freeWorkers(database, tenantId, { companyId: employer.companyId, limit: 4 });
  const declarations: { w: (typeof staff)[number]; start: number; end: number; nature: string; informed: boolean; ago: number }[] = [
    { w: staff[0], start: 34, end: -40, nature: 'maladie', informed: true, ago: 12 },
    { w: staff[1], start: 21, end: -30, nature: 'accident_travail', informed: false, ago: 6 },
    { w: staff[2], start: 9, end: -60, nature: 'maternite', informed: true, ago: 2 },
  ];
  for (const d of declarations) {
    if (!d.w) continue;
    await withCtx(database, employer, (ctx) => declareArret(ctx, { workerId: d.w.id, startDate: day(d.start), expectedEndDate: day(d.end), nature: d.nature, workerInformedVpr: d.informed }), at(d.ago, 9));
  }
  // A worker the employer could not pick (not yet known to the service): « À vérifier ».
  await withCtx(database, employer, (ctx) => declareArret(ctx, { birthName: 'Marchand', firstNames: 'Lucie', birthDate: '1987-04-14', startDate: day(15), expectedEndDate: day(-45), nature: 'maladie', workerInformedVpr: false }), at(1, 15));

  // --- Fiches de liaison of the médecin conseil ---------------------------------------------------
  const insured = await freeWorkers(database, tenantId, { excludeCompanyId: employer.companyId, limit: 6 });
  const fiches = [
    { w: insured[0], ago: 20, reason: 'Arrêt de plus de 4 mois, reprise au poste antérieur incertaine.', answer: { outcome: 'vpr_realisee', vprAgo: 8, nonObjection: true, recommendations: 'Reprise envisageable en temps partiel thérapeutique, avec aménagement du poste (pas de port de charges > 10 kg) ; étude de poste par l’ergonome prévue.' } },
    { w: insured[1], ago: 16, reason: 'Arrêt long ; l’assuré évoque des difficultés à reprendre son poste.', answer: { outcome: 'injoignable' } },
    { w: insured[2], ago: 5, reason: 'Risque de désinsertion professionnelle évalué lors de l’examen de l’assuré.', answer: null },
    { w: insured[3], ago: 1, reason: 'Fin des indemnités journalières à anticiper ; reprise à préparer.', answer: null },
  ];
  for (const f of fiches) {
    if (!f.w?.nir) continue;
    const filed = await withCtx(
      database,
      medecinConseil,
      (ctx) =>
        fileVprOrientation(ctx, {
          nir: f.w.nir!,
          birthName: f.w.birth_name,
          firstNames: f.w.first_names,
          birthDate: f.w.birth_date,
          reason: f.reason,
          contact: 'Dr Philippe Hennebelle — elsm-demo@assurance-maladie.test',
          consentGiven: true,
          consentDate: day(f.ago + 2),
        }),
      at(f.ago, 11),
    );
    if (f.answer) {
      const a = f.answer;
      await withCtx(
        database,
        medecin,
        (ctx) =>
          answerVprOrientation(ctx, filed.id, {
            outcome: a.outcome,
            ...('vprAgo' in a ? { vprDate: day(a.vprAgo!), nonObjection: a.nonObjection, recommendations: a.recommendations } : {}),
          }),
        at('vprAgo' in a ? a.vprAgo! - 1 : f.ago - 6, 16),
      );
    }
  }

  // --- Saisines -------------------------------------------------------------------------------
  if (salarie?.workerId) {
    await withCtx(database, salarie, (ctx) => createSaisine(ctx, { reason: 'Je reprends bientôt et je crains de ne pas pouvoir tenir mon poste de nuit.' }), at(3, 20));
  }
  if (staff[3]) {
    await withCtx(database, employer, (ctx) => createSaisine(ctx, { workerId: staff[3].id, reason: 'Absences répétées ces derniers mois ; la salariée souhaite un échange sur son poste.' }), at(4, 14));
  }
  if (insured[4]) {
    await withCtx(database, chargeMission, (ctx) => createSaisine(ctx, { workerId: insured[4].id, reason: 'Repéré lors d’une visite périodique : difficultés de maintien au poste évoquées.' }), at(7, 10));
  }
}
