/**
 * Demo content of the returns to the Assurance maladie: six dossiers born from the flux get a
 * flux arrêt (CPAM-593 or ELSM-59) and accompaniments in every delivery status — acknowledged,
 * in error, transmitted and waiting, still to transmit — two of them with the worker's
 * agreement to send job information. Deterministic and synthetic.
 */
import type { Database } from '../db/connection';
import * as returns from '../db/repositories/am-return.repository';
import * as orgs from '../db/repositories/organisation.repository';
import * as signals from '../db/repositories/signal.repository';
import { isRole, type Principal } from '../domain/access';
import { civilDate } from '../domain/calendar/dates';
import { addDaysIso, type AmReturnType } from '../domain/intake/am-return';
import { systemPrincipal, withCtx } from '../services/context';
import { acknowledgeAmReturns } from '../services/intake/am-return-acknowledger';
import { confirmAmReturnExport } from '../services/intake/am-return-export-confirmer';
import { readAmReturnOutbox } from '../services/intake/am-return-outbox-reader';
import { recordAmReturn, type RecordAmReturnProps } from '../services/intake/am-return-recorder';

const DAY = 86_400_000;

const JOBS = [
  { jobTitle: 'Aide-soignante de nuit', pcs: '52A1', rome: 'J1501', workingConditions: 'Travail de nuit en 12 heures, manutention de résidents, station debout prolongée.' },
  { jobTitle: 'Cariste', pcs: '65A1', rome: 'N1101', workingConditions: 'Conduite de chariot élévateur, vibrations, travail posté en 2 × 8.' },
];

export async function seedReturnsDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY);
  const { candidates, cell, cpamId } = await withCtx(database, systemPrincipal(tenantId, tenantId, 'Système (données de démonstration)'), async (ctx) => {
    const slug = await returns.findTenantSlug(ctx.trx, tenantId);
    const candidates = await returns.findFluxDossiers(ctx.trx, tenantId, 6);
    const cell = await returns.findMemberByEmail(ctx.trx, tenantId, `charge-mission@${slug}.maintien.test`);
    const cpam = (await orgs.findOrganisationsByKind(ctx.trx, tenantId, 'cpam'))[0];
    return { candidates, cell, cpamId: cpam?.id ?? null };
  });
  if (candidates.length < 4 || !cell || !isRole(cell.role) || !cpamId) return;

  const cellPrincipal: Principal = {
    kind: 'user',
    tenantId,
    userId: cell.id,
    tokenId: null,
    role: cell.role,
    scopes: [],
    organisationId: cell.organisation_id,
    organisationKind: cell.organisation_kind,
    companyId: null,
    workerId: null,
    label: cell.display_name,
  };
  const amClient: Principal = {
    kind: 'token',
    tenantId,
    userId: null,
    tokenId: null,
    role: null,
    scopes: ['retours'],
    organisationId: cpamId,
    organisationKind: 'cpam',
    companyId: null,
    workerId: null,
    label: 'Plateforme retours CPAM (démo)',
  };

  // One flux arrêt per dossier, attached by a flux signal.
  const arretIds = await withCtx(
    database,
    cellPrincipal,
    async (ctx) => {
      const ids: string[] = [];
      for (const [i, d] of candidates.entries()) {
        const start = civilDate(at(75 + i * 9));
        const a = await signals.insertArret(ctx.trx, {
          tenant_id: tenantId,
          worker_id: d.worker_id,
          source: 'flux_am',
          emetteur: i % 3 === 2 ? 'ELSM-59' : 'CPAM-593',
          external_id: `AM-DEMO-RET-${String(i + 1).padStart(4, '0')}`,
          nature: 'maladie',
          start_date: start,
          expected_end_date: addDaysIso(start, 90),
        });
        await signals.insertSignal(ctx.trx, {
          tenant_id: tenantId,
          worker_id: d.worker_id,
          dossier_id: d.id,
          source: 'flux_am',
          kind: 'arret',
          reason: 'duree',
          received_at: at(70 + i * 9),
          consent_given: true,
          consent_date: addDaysIso(start, 2),
          arret_id: a.id,
        });
        ids.push(a.id);
      }
      return ids;
    },
    at(60),
  );

  const record = (i: number, daysAgo: number, type: AmReturnType, extra: Partial<RecordAmReturnProps> = {}) =>
    withCtx(
      database,
      cellPrincipal,
      (ctx) => recordAmReturn(ctx, candidates[i].id, { arretId: arretIds[i], type, date: civilDate(at(daysAgo)), comment: '', ...extra }),
      at(daysAgo),
    );

  const m0 = await record(0, 20, 'VPR_REALISEE', { comment: 'Visite de pré-reprise réalisée ; rendez-vous de liaison proposé.', ...JOBS[0], recordJobConsent: true });
  const m1 = await record(1, 25, 'RDV_LIAISON', { comment: "Rendez-vous de liaison tenu avec l'employeur et le salarié.", ...JOBS[1], recordJobConsent: true });
  const m2 = await record(2, 12, 'ACCOMPAGNEMENT_CELLULE', { comment: 'Dossier présenté en cellule PDP.' });
  await record(3, 8, 'ORIENTATION_SERVICE_SOCIAL', { comment: 'Orientation vers le service social Carsat acceptée par le salarié.' });

  // A file sent by the cell, then acknowledged.
  await withCtx(database, cellPrincipal, (ctx) => confirmAmReturnExport(ctx, { messageIds: [m1.message.messageId] }), at(24));
  await withCtx(database, amClient, (ctx) => acknowledgeAmReturns(ctx, { acknowledgements: [{ messageId: m1.message.messageId, status: 'accuse' }] }), at(23));
  // The AM platform fetches its outbox; one message is acknowledged, one refused, one waits.
  await withCtx(database, amClient, (ctx) => readAmReturnOutbox(ctx, { after: 0, limit: 100 }), at(7));
  await withCtx(
    database,
    amClient,
    (ctx) =>
      acknowledgeAmReturns(ctx, {
        acknowledgements: [
          { messageId: m0.message.messageId, status: 'accuse' },
          { messageId: m2.message.messageId, status: 'en_erreur', error: "id_arret inconnu de la caisse destinataire (ELSM-59) : à vérifier avec l'émetteur." },
        ],
      }),
    at(6),
  );

  // Still to transmit.
  await record(0, 5, 'AMENAGEMENT_POSTE', { comment: 'Aménagement des horaires proposé par le médecin du travail, accepté par l’employeur.', ...JOBS[0] });
  if (candidates.length > 4) await record(4, 3, 'SUIVI_SANS_MESURE', { comment: 'Reprise sans difficulté ; suivi à 6 mois programmé.' });
  if (candidates.length > 5) await record(5, 2, 'REFUS_SALARIE', { comment: "Le salarié ne souhaite pas d'accompagnement pour le moment." });
}
