/**
 * Demo content of parcours-partners: consents recorded by the cell (written, oral) and by the
 * demo worker himself, one of them withdrawn; referrals in every status (sent, accepted with
 * feedback, refused, late at the dismissal stage, cancelled, closed); a transfer of the lead to
 * the Carsat service social; and message threads with unread messages on both sides. Everything
 * goes through the services (consent checks, timeline, audit), dated over the last weeks.
 * Deterministic for a given `now`.
 */
import type { Database } from '../db/connection';
import * as demoRepo from '../db/repositories/demo.repository';
import { findMemberByEmail, findTenantSlug } from '../db/repositories/am-return.repository';
import { isRole, type Principal } from '../domain/access';
import { grantConsent } from '../services/consent/consent-granter';
import { withdrawConsent } from '../services/consent/consent-withdrawer';
import { systemPrincipal, withCtx, type Ctx } from '../services/context';
import { sendMessage } from '../services/parcours/messages/message-thread';
import { addPartnerNote } from '../services/parcours/partner/partner-note-adder';
import { createReferral } from '../services/parcours/referrals/referral-creator';
import { changeReferralStatus, giveReferralFeedback, respondToReferral } from '../services/parcours/referrals/referral-responder';

const DAY = 86_400_000;

interface Scenario {
  org: string;
  source: 'professionnel_ecrit' | 'professionnel_oral';
  kind: 'adressage' | 'transfert';
  stage: 'precoce' | 'pendant_arret' | 'reprise' | 'licenciement';
  reason: string;
  outcome: 'envoye' | 'accepte' | 'refuse' | 'annule' | 'clos';
  note?: string;
  feedback?: string;
  messages?: { from: 'cellule' | 'partenaire'; body: string }[];
}

const SCENARIOS: Scenario[] = [
  {
    org: 'cap_emploi',
    source: 'professionnel_ecrit',
    kind: 'adressage',
    stage: 'pendant_arret',
    reason: 'Salarié bénéficiaire de la RQTH : étude d’un aménagement du poste de préparateur de commandes avec aide Agefiph.',
    outcome: 'accepte',
    note: 'Premier entretien fixé, conseiller référent : Julien Lecomte.',
    feedback: 'Demande d’aide à l’adaptation du poste déposée ; visite ergonomique conjointe prévue avec la cellule.',
    messages: [
      { from: 'cellule', body: 'Bonjour, l’ergonome de la cellule peut se joindre à la visite de poste. Quelles dates vous conviennent ?' },
      { from: 'partenaire', body: 'Le mardi ou le jeudi matin de la semaine prochaine nous conviendraient.' },
    ],
  },
  {
    org: 'carsat_service_social',
    source: 'professionnel_ecrit',
    kind: 'transfert',
    stage: 'pendant_arret',
    reason: 'Situation très dégradée (T4) : isolement, difficultés financières, arrêt long. Le service social Carsat prend la coordination.',
    outcome: 'accepte',
    note: 'Le service social Carsat devient chef de file ; rendez-vous au domicile programmé.',
    messages: [{ from: 'cellule', body: 'Merci pour la prise en charge. La cellule reste disponible pour la visite de pré-reprise.' }],
  },
  {
    org: 'agefiph',
    source: 'professionnel_oral',
    kind: 'adressage',
    stage: 'reprise',
    reason: 'Reprise à temps partiel thérapeutique : financement d’un siège ergonomique et d’un écran réglable à étudier.',
    outcome: 'envoye',
  },
  {
    org: 'cap_emploi',
    source: 'professionnel_oral',
    kind: 'adressage',
    stage: 'licenciement',
    reason: 'Procédure de licenciement pour inaptitude engagée : accompagnement vers un nouvel emploi.',
    outcome: 'refuse',
    note: 'Le salarié n’a pas la reconnaissance de travailleur handicapé : orientation vers France Travail conseillée.',
  },
  {
    org: 'france_travail',
    source: 'professionnel_ecrit',
    kind: 'adressage',
    stage: 'precoce',
    reason: 'Projet de reconversion évoqué lors de la visite de mi-carrière.',
    outcome: 'annule',
  },
  {
    org: 'transitions_pro',
    source: 'professionnel_ecrit',
    kind: 'adressage',
    stage: 'reprise',
    reason: 'Projet de transition professionnelle vers un poste de technicien de maintenance (PTP).',
    outcome: 'clos',
    note: 'Dossier PTP reçu complet.',
    feedback: 'PTP accordé : formation de 9 mois à partir de la rentrée.',
    messages: [{ from: 'partenaire', body: 'Le dossier PTP passe en commission le 15 ; nous vous tiendrons informés.' }],
  },
];

async function principalOf(database: Database, tenantId: string, local: string): Promise<Principal | null> {
  return withCtx(database, systemPrincipal(tenantId, tenantId, 'Système (données de démonstration)'), async (ctx) => {
    const slug = await findTenantSlug(ctx.trx, tenantId);
    const m = await findMemberByEmail(ctx.trx, tenantId, `${local}@${slug}.maintien.test`);
    if (!m || !isRole(m.role)) return null;
    const worker = m.role === 'worker' ? await demoRepo.findUser(ctx.trx, m.id) : undefined;
    return {
      kind: 'user',
      tenantId,
      userId: m.id,
      tokenId: null,
      role: m.role,
      scopes: [],
      organisationId: m.organisation_id,
      organisationKind: m.organisation_kind,
      companyId: null,
      workerId: worker?.worker_id ?? null,
      label: m.display_name,
    };
  });
}

export async function seedParcoursPartnersDemo(database: Database, tenantId: string, now: Date): Promise<void> {
  const at = (daysAgo: number, hour = 10) => new Date(now.getTime() - daysAgo * DAY + hour * 3_600_000 - 12 * 3_600_000);
  const cell = await principalOf(database, tenantId, 'charge-mission');
  const me = await principalOf(database, tenantId, 'salarie');
  if (!cell) return;
  const partnerLocal: Record<string, string> = { cap_emploi: 'cap-emploi', carsat_service_social: 'carsat' };
  const partners = new Map<string, Principal | null>();
  for (const [kind, local] of Object.entries(partnerLocal)) partners.set(kind, await principalOf(database, tenantId, local));

  const { dossiers, orgIds } = await withCtx(database, systemPrincipal(tenantId, tenantId), async (ctx) => {
    const orgs = await demoRepo.findOrganisations(ctx.trx, tenantId);
    const orgIds = new Map<string, string>();
    for (const o of orgs) if (!orgIds.has(o.kind)) orgIds.set(o.kind, o.id);
    const dossiers = await demoRepo.findAccompaniedDossiers(ctx.trx, tenantId, me?.workerId ?? null, 40);
    return { dossiers, orgIds };
  });
  const as = <T>(p: Principal, daysAgo: number, fn: (ctx: Ctx) => Promise<T>) => withCtx(database, p, fn, at(daysAgo));

  let k = 0;
  for (const [i, s] of SCENARIOS.entries()) {
    const orgId = orgIds.get(s.org);
    // One dossier per scenario; a transfer needs a dossier the Carsat does not lead yet.
    while (k < dossiers.length && s.kind === 'transfert' && dossiers[k].lead_organisation_id === orgId) k++;
    const d = dossiers[k++];
    if (!d || !orgId) continue;
    const start = 40 - i * 5;
    await as(cell, start, (ctx) => grantConsent(ctx, d.worker_id, { purpose: 'partage_dossier', organisationId: orgId, source: s.source }));
    const r = await as(cell, start - 1, (ctx) => createReferral(ctx, d.id, { organisationId: orgId, kind: s.kind, stage: s.stage, reason: s.reason }));
    const partner = partners.get(s.org) ?? null;
    // Organisations without a demo account answer through the cell's records only.
    const answerer = partner ?? { ...cell, role: 'partner_agent' as const, organisationId: orgId, organisationKind: s.org, userId: null, label: `Conseiller·e ${s.org === 'transitions_pro' ? 'Transitions Pro' : 'partenaire'}` };
    if (s.outcome === 'annule') {
      await as(cell, start - 3, (ctx) => changeReferralStatus(ctx, r.id, { status: 'annule' }));
    } else if (s.outcome !== 'envoye') {
      await as(answerer, start - 3, (ctx) => respondToReferral(ctx, r.id, { decision: s.outcome === 'refuse' ? 'refuse' : 'accepte', note: s.note ?? null }));
      if (s.feedback) await as(answerer, start - 8, (ctx) => giveReferralFeedback(ctx, r.id, { feedback: s.feedback! }));
      if (s.outcome === 'clos') await as(cell, start - 10, (ctx) => changeReferralStatus(ctx, r.id, { status: 'clos' }));
    }
    for (const [j, m] of (s.messages ?? []).entries()) {
      const who = m.from === 'cellule' ? cell : answerer;
      await as(who, start - 4 - j, (ctx) => sendMessage(ctx, d.id, { organisationId: orgId, body: m.body }));
    }
    if (s.org === 'carsat_service_social' && partner) {
      await as(partner, start - 6, (ctx) => addPartnerNote(ctx, d.id, { title: 'Visite à domicile', body: 'Rencontre avec le salarié : ouverture des droits à la prévoyance, aide à la constitution du dossier d’invalidité si besoin.' }));
    }
  }

  // The demo worker manages his own consents: one given in his space, one given then withdrawn.
  if (me?.workerId) {
    const carsat = orgIds.get('carsat_service_social');
    const travail = orgIds.get('france_travail');
    if (carsat) await as(me, 12, (ctx) => grantConsent(ctx, null, { purpose: 'instance_partenariale', organisationId: carsat }));
    if (travail) {
      const g = await as(me, 20, (ctx) => grantConsent(ctx, null, { purpose: 'partage_dossier', organisationId: travail }));
      if (g.created) await as(me, 6, (ctx) => withdrawConsent(ctx, null, g.consent.id));
    }
  }
}
