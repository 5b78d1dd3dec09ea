/** Registers an adherent company (SIRET checked, La Poste exception included). */
import * as companies from '../../db/repositories/company.repository';
import { ensure, } from '../../domain/access';
import { conflict, invalid } from '../../domain/errors';
import { validateSiret } from '../../domain/identity/siret';
import type { Ctx } from '../context';

export interface CreateCompanyProps {
  siret: string;
  name: string;
  naf?: string;
  workforce?: number;
  postalCode?: string;
  city?: string;
}

const NAF = /^\d{2}\.?\d{2}[A-Z]$/;

export async function createCompany(ctx: Ctx, props: CreateCompanyProps) {
  const p = ctx.principal;
  ensure(p, 'company.create');
  const checked = validateSiret(props.siret);
  if (!checked.ok) throw invalid(checked.code, checked.message, 'siret');
  const name = props.name.trim();
  if (!name) throw invalid('CHAMP_MANQUANT', 'Le champ « Raison sociale » est obligatoire.', 'name');
  const naf = props.naf?.trim().toUpperCase() || null;
  if (naf && !NAF.test(naf)) throw invalid('NAF_INVALIDE', 'Le code NAF doit ressembler à « 8621Z ».', 'naf');
  if (await companies.findCompanyBySiret(ctx.trx, p.tenantId, checked.value.siret)) {
    throw conflict('SIRET_DEJA_CONNU', 'Une entreprise avec ce SIRET est déjà adhérente du service.');
  }
  const c = await companies.insertCompany(ctx.trx, {
    tenant_id: p.tenantId,
    siret: checked.value.siret,
    siren: checked.value.siren,
    name,
    naf: naf?.replace('.', '') ?? null,
    workforce: props.workforce ?? null,
    postal_code: props.postalCode?.trim() || null,
    city: props.city?.trim() || null,
  });
  await ctx.record({ action: 'company.create', subjectType: 'company', subjectId: c.id, category: 'administrative' });
  return { id: c.id };
}
