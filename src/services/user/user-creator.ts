/**
 * Creates an account with its membership. Staff join the SPSTI's organisation; a partner
 * agent joins a partner organisation; an employer joins the organisation of one company
 * (created on first use); a worker account is bound to one worker record.
 */
import * as orgs from '../../db/repositories/organisation.repository';
import * as companies from '../../db/repositories/company.repository';
import * as users from '../../db/repositories/user.repository';
import * as workers from '../../db/repositories/worker.repository';
import { ensure, isRole, joinsServiceOrganisation, ROLE_ORGANISATION_KINDS } from '../../domain/access';
import { checkPasswordStrength, type AuthPolicy } from '../../domain/auth/policy';
import { conflict, invalid, notFound } from '../../domain/errors';
import type { Ctx } from '../context';
import { hashPassword } from '../auth/password';

export interface CreateUserProps {
  email: string;
  displayName: string;
  password: string;
  role: string;
  /** Partner agents: the partner organisation. */
  organisationId?: string;
  /** Employers: the company they act for. */
  companyId?: string;
  /** Worker accounts: the worker record. */
  workerId?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createUser(ctx: Ctx, policy: Pick<AuthPolicy, 'minPasswordLength'>, props: CreateUserProps) {
  const p = ctx.principal;
  ensure(p, 'user.manage');
  const email = props.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw invalid('EMAIL_INVALIDE', "L'adresse e-mail n'est pas valide.", 'email');
  const displayName = props.displayName.trim();
  if (!displayName) throw invalid('CHAMP_MANQUANT', 'Le champ « Nom affiché » est obligatoire.', 'displayName');
  if (!isRole(props.role)) throw invalid('ROLE_INCONNU', `Rôle inconnu : « ${props.role} ».`, 'role');
  const weak = checkPasswordStrength(props.password, policy);
  if (weak) throw invalid('MOT_DE_PASSE_TROP_FAIBLE', weak, 'password');
  if (await users.emailExists(ctx.trx, email)) throw conflict('EMAIL_DEJA_UTILISE', 'Un compte existe déjà avec cette adresse e-mail.');

  const role = props.role;
  let organisationId: string;
  let workerId: string | null = null;
  if (joinsServiceOrganisation(role)) {
    const [spsti] = await orgs.findOrganisationsByKind(ctx.trx, p.tenantId, 'spsti');
    if (!spsti) throw notFound('ORGANISATION_INTROUVABLE', "Le service n'a pas d'organisation SPSTI.");
    organisationId = spsti.id;
    if (role === 'worker') {
      if (!props.workerId || !(await workers.findWorker(ctx.trx, p.tenantId, props.workerId))) {
        throw invalid('SALARIE_INTROUVABLE', 'Un compte salarié doit être rattaché à un salarié du service.', 'workerId');
      }
      workerId = props.workerId;
    }
  } else if (role === 'employer') {
    const company = props.companyId ? await companies.findCompany(ctx.trx, p.tenantId, props.companyId) : undefined;
    if (!company) throw invalid('ENTREPRISE_INTROUVABLE', 'Un compte employeur doit être rattaché à une entreprise adhérente.', 'companyId');
    const existing = (await orgs.findOrganisationsByKind(ctx.trx, p.tenantId, 'company')).find((o) => o.company_id === company.id);
    organisationId = existing?.id ?? (await orgs.insertOrganisation(ctx.trx, { tenant_id: p.tenantId, kind: 'company', name: company.name, company_id: company.id })).id;
  } else {
    const org = props.organisationId ? await orgs.findOrganisation(ctx.trx, p.tenantId, props.organisationId) : undefined;
    if (!org || !ROLE_ORGANISATION_KINDS.partner_agent.includes(org.kind as never)) {
      throw invalid('ORGANISATION_INVALIDE', 'Un agent partenaire doit être rattaché à une organisation partenaire.', 'organisationId');
    }
    organisationId = org.id;
  }
  const u = await users.insertUser(ctx.trx, {
    tenant_id: p.tenantId,
    email,
    display_name: displayName,
    password_hash: await hashPassword(props.password),
    worker_id: workerId,
  });
  await users.insertMembership(ctx.trx, { tenant_id: p.tenantId, user_id: u.id, organisation_id: organisationId, role });
  await ctx.record({ action: 'user.create', subjectType: 'user', subjectId: u.id, category: 'administrative', details: { role } });
  return { id: u.id };
}
