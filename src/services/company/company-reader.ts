/** Company search and company page. */
import * as companies from '../../db/repositories/company.repository';
import { ensure, } from '../../domain/access';
import { notFound } from '../../domain/errors';
import type { Ctx } from '../context';

const toDto = (c: { id: string; name: string; siret: string; naf: string | null; city: string | null; postal_code: string | null; workforce: number | null }) => ({
  id: c.id,
  name: c.name,
  siret: c.siret,
  naf: c.naf,
  city: c.city,
  postalCode: c.postal_code,
  workforce: c.workforce,
});

export async function searchCompanies(ctx: Ctx, props: { q?: string; page?: number; pageSize?: number }) {
  ensure(ctx.principal, 'company.search');
  const page = Math.max(1, props.page ?? 1);
  const pageSize = Math.min(100, Math.max(1, props.pageSize ?? 20));
  const { rows, total } = await companies.searchCompanies(ctx.trx, ctx.principal.tenantId, props.q?.trim() || undefined, pageSize, (page - 1) * pageSize);
  return { items: rows.map(toDto), total, page, pageSize };
}

export async function readCompany(ctx: Ctx, id: string) {
  ensure(ctx.principal, 'company.search');
  const c = await companies.findCompany(ctx.trx, ctx.principal.tenantId, id);
  if (!c) throw notFound('ENTREPRISE_INTROUVABLE', "Cette entreprise n'est pas adhérente du service.");
  return toDto(c);
}
