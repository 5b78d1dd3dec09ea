/**
 * Demo content for « Évaluation de l'indice » on the service's own cases (docs/risk-evaluation.md):
 * about forty older accompaniments, opened two to three years ago and closed at their 12-month
 * follow-up, each with an index signed during the accompaniment (the features stored in it are
 * those of the worker's demo assessment) and a situation at exit, +6 and +12 months. The outcome
 * leans on the index (riskier workers lose their job more often) so that the report shows a
 * signal; a few are lost to follow-up, retired or without their 12-month follow-up, so that the
 * exclusions show too. Run by the exit demo seeder after the risk demo; deterministic for a given
 * `now` and demo population.
 */
import type { Insertable } from 'kysely';
import * as demoRepo from '../db/repositories/demo.repository';
import type { DB } from '../db/schema';
import { exitTimelineEntry } from './exit-timeline';
import * as dossiers from '../db/repositories/dossier.repository';
import type { Tx } from '../db/tenant-tx';
import { civilDate } from '../domain/calendar/dates';
import { dossierReference } from '../domain/dossier/origins';
import { addDays } from '../domain/calendar/dates';
import { followUpDue } from '../domain/parcours/exit';
import type { Outcome } from '../domain/parcours/outcomes';
import { DEFAULT_HEALTH_MODEL, scoreHealthRecord } from '../domain/risk/health-model';
import { mulberry32 } from '../domain/random/prng';

const SEED = 12_2025;
const CASES = 40;
const EVENTS: readonly Outcome[] = ['inaptitude_sans_dispense', 'inaptitude_avec_dispense', 'invalidite', 'demandeur_emploi'];
const KEPT: readonly Outcome[] = ['maintien_poste', 'poste_amenage', 'reclassement_interne', 'reclassement_externe', 'reconversion'];

interface Source {
  worker_id: string;
  inputs: { features?: Record<string, number>; questionnaire?: { completedAt?: string } | null; employer?: { completedAt?: string } | null } & Record<string, unknown>;
  sub_scores: unknown;
  algorithm_id: string;
  algorithm_version: string;
  suggested_level: number;
  final_level: number;
  inaptitude_risk_level: number;
}

export async function seedHistoricalOutcomes(trx: Tx, tenantId: string, now: Date, staff: { chargeeId: string; medecinId: string; medecinName: string }) {
  const rng = mulberry32(SEED);
  const today = civilDate(now);
  // The earliest demo assessment holding features of workers without an account or an inaptitude record.
  const sources = await demoRepo.findOutcomeSources<Source>(trx, tenantId, CASES);
  if (sources.length === 0) return;

  const at = (day: string, hour = 10) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00Z`);
  const exits: Insertable<DB['dossier_exit']>[] = [];
  const assessments: Insertable<DB['risk_assessment']>[] = [];
  const transitions: Insertable<DB['dossier_transition']>[] = [];
  const entries: Insertable<DB['timeline_entry']>[] = [];
  for (const [i, s] of sources.entries()) {
    const opened = addDays(today, -rng.int(800, 1000));
    const signed = addDays(opened, rng.int(10, 60));
    const exited = addDays(signed, rng.int(60, 200));
    const six = addDays(followUpDue(exited, 6), rng.int(-10, 5));
    const twelveOn = addDays(followUpDue(exited, 12), rng.int(-10, 5));
    const probability = scoreHealthRecord(DEFAULT_HEALTH_MODEL, s.inputs.features ?? {}).probability;
    const lost = rng.chance(Math.min(0.9, 0.05 + probability + 0.12 * s.final_level));
    let twelve: Outcome | null = lost ? rng.weighted(EVENTS, [3, 2, 2, 3]) : rng.weighted(KEPT, [5, 4, 2, 1, 1]);
    let sixOutcome: Outcome = lost && rng.chance(0.3) ? 'poste_amenage' : twelve;
    const exitOutcome: Outcome = sixOutcome === 'poste_amenage' || rng.chance(0.5) ? sixOutcome : twelve;
    if (i % 13 === 5) twelve = 'perdu_de_vue';
    else if (i % 17 === 8) twelve = 'retraite';
    else if (i % 19 === 3) twelve = null; // closed after the 6-month follow-up: the 12-month one never recorded
    if (i % 13 === 5 && rng.chance(0.5)) sixOutcome = 'perdu_de_vue';
    const closed = twelve ? twelveOn : six;

    const seq = await dossiers.nextCounter(trx, tenantId, 'dossier');
    const d = { id: await demoRepo.insertRowReturningId(trx, 'dossier', {
        tenant_id: tenantId,
        reference: dossierReference(Number(opened.slice(0, 4)), seq),
        worker_id: s.worker_id,
        state: 'clos',
        origin: rng.pick(['flux_am', 'visite', 'equipe', 'employeur'] as const),
        summary: 'Accompagnement terminé ; situation suivie jusqu’à 12 mois après la sortie.',
        opened_at: at(opened, 9),
        opened_by: staff.chargeeId,
        state_changed_at: at(closed),
        closed_at: at(closed),
        updated_at: at(closed),
      }) };
    const path: [string | null, string, string][] = [
      [null, 'signale', opened],
      ['signale', 'a_evaluer', addDays(opened, 3)],
      ['a_evaluer', 'en_accompagnement', addDays(opened, rng.int(5, 9))],
      ['en_accompagnement', 'sorti', exited],
      ['sorti', 'suivi', six],
      ['suivi', 'clos', closed],
    ];
    for (const [from, to, day] of twelve ? path : path.slice(0, 5).concat([['suivi', 'clos', six]])) {
      transitions.push({ tenant_id: tenantId, dossier_id: d.id, from_state: from, to_state: to, reason: null, actor_user_id: staff.chargeeId, at: at(day, to === 'clos' ? 11 : 10) });
    }
    const completedBefore = (x: { completedAt?: string } | null | undefined) => (x ? { ...x, completedAt: at(addDays(signed, -rng.int(5, 30))).toISOString() } : null);
    assessments.push({
      tenant_id: tenantId,
      worker_id: s.worker_id,
      dossier_id: d.id,
      algorithm_id: s.algorithm_id,
      algorithm_version: s.algorithm_version,
      inputs: JSON.stringify({ ...s.inputs, asOf: signed, questionnaire: completedBefore(s.inputs.questionnaire), employer: completedBefore(s.inputs.employer) }),
      sub_scores: JSON.stringify(s.sub_scores),
      suggested_level: s.suggested_level,
      final_level: s.final_level,
      inaptitude_risk_level: s.inaptitude_risk_level,
      rationale: s.final_level !== s.suggested_level ? 'Niveau retenu après entretien avec le salarié.' : null,
      author_user_id: staff.medecinId,
      author_name: staff.medecinName,
      signed_at: at(signed, 14),
    });
    exits.push({
      tenant_id: tenantId,
      dossier_id: d.id,
      worker_id: s.worker_id,
      outcome: exitOutcome,
      exited_at: exited,
      follow_up_6m_outcome: sixOutcome,
      follow_up_6m_at: six,
      follow_up_12m_outcome: twelve,
      follow_up_12m_at: twelve ? twelveOn : null,
      lost_to_follow_up: (twelve ?? sixOutcome) === 'perdu_de_vue',
      recorded_by: staff.chargeeId,
      created_at: at(exited),
      updated_at: at(closed),
    });
    entries.push(exitTimelineEntry(tenantId, d.id, exited, at(exited, 11)));
  }
  await demoRepo.insertRows(trx, 'dossier_transition', transitions);
  await demoRepo.insertRows(trx, 'risk_assessment', assessments);
  await demoRepo.insertRows(trx, 'dossier_exit', exits);
  await demoRepo.insertRows(trx, 'timeline_entry', entries);
}
