/** Creates a worker (identity checked: NIR key, sex and birth date consistent with the NIR). */
import * as companies from '../../db/repositories/company.repository';
import * as workers from '../../db/repositories/worker.repository';
import { ensure, } from '../../domain/access';
import { isIsoDate } from '../../domain/calendar/dates';
import { conflict, invalid, notFound } from '../../domain/errors';
import { validateNir } from '../../domain/identity/nir';
import type { Ctx } from '../context';

export interface CreateWorkerProps {
  nir?: string;
  birthName: string;
  usageName?: string;
  firstNames: string;
  birthDate: string;
  sex: 1 | 2;
  email?: string;
  phone?: string;
  postalCode?: string;
  city?: string;
  companyId?: string;
  jobTitle?: string;
  startDate?: string;
}

const required = (v: string | undefined, field: string, label: string) => {
  const t = v?.trim() ?? '';
  if (!t) throw invalid('CHAMP_MANQUANT', `Le champ « ${label} » est obligatoire.`, field);
  return t;
};

export async function createWorker(ctx: Ctx, props: CreateWorkerProps) {
  const p = ctx.principal;
  ensure(p, 'worker.create');
  const birthName = required(props.birthName, 'birthName', 'Nom de naissance');
  const firstNames = required(props.firstNames, 'firstNames', 'Prénoms');
  if (!isIsoDate(props.birthDate)) throw invalid('DATE_INVALIDE', "La date de naissance n'est pas une date valide.", 'birthDate');
  if (props.birthDate > ctx.now.toISOString().slice(0, 10)) throw invalid('DATE_INVALIDE', 'La date de naissance ne peut pas être dans le futur.', 'birthDate');
  let nir: string | null = null;
  if (props.nir && props.nir.trim()) {
    const checked = validateNir(props.nir);
    if (!checked.ok) throw invalid(checked.code, checked.message, 'nir');
    if (checked.value.sex !== props.sex) throw invalid('SEXE_INCOHERENT', 'Le sexe ne correspond pas au premier chiffre du NIR.', 'sex');
    const [y, m] = props.birthDate.split('-');
    const month = Number(checked.value.birthMonth);
    if (checked.value.birthYear2 !== y.slice(2) || (month >= 1 && month <= 12 && checked.value.birthMonth !== m)) {
      throw invalid('NAISSANCE_INCOHERENTE', "L'année ou le mois de naissance ne correspond pas au NIR.", 'birthDate');
    }
    nir = checked.value.nir;
    if (await workers.findWorkerByNir(ctx.trx, p.tenantId, nir)) {
      throw conflict('NIR_DEJA_CONNU', 'Un salarié avec ce NIR est déjà enregistré dans le service.');
    }
  }
  let jobTitle: string | null = null;
  if (props.companyId) {
    if (!(await companies.findCompany(ctx.trx, p.tenantId, props.companyId))) {
      throw notFound('ENTREPRISE_INTROUVABLE', "Cette entreprise n'est pas adhérente du service.");
    }
    jobTitle = required(props.jobTitle, 'jobTitle', 'Poste');
    if (props.startDate !== undefined && !isIsoDate(props.startDate)) throw invalid('DATE_INVALIDE', "La date d'embauche n'est pas une date valide.", 'startDate');
  }
  const w = await workers.insertWorker(ctx.trx, {
    tenant_id: p.tenantId,
    nir,
    birth_name: birthName,
    usage_name: props.usageName?.trim() || null,
    first_names: firstNames,
    birth_date: props.birthDate,
    sex: props.sex,
    email: props.email?.trim() || null,
    phone: props.phone?.trim() || null,
    postal_code: props.postalCode?.trim() || null,
    city: props.city?.trim() || null,
  });
  if (props.companyId && jobTitle) {
    await workers.insertEmployment(ctx.trx, {
      tenant_id: p.tenantId,
      worker_id: w.id,
      company_id: props.companyId,
      job_title: jobTitle,
      start_date: props.startDate ?? ctx.now.toISOString().slice(0, 10),
    });
  }
  await ctx.record({ action: 'worker.create', subjectType: 'worker', subjectId: w.id, category: nir ? 'sensitive' : 'administrative' });
  return { id: w.id };
}
