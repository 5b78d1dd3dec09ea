/**
 * An employer uploads a CSV of declarations (nom;prenoms;date_naissance;nir;date_debut;
 * date_fin_prevue;nature, French dates accepted). Every good line is kept, every bad line is
 * reported with its number, code and French message; sending the same file again changes
 * nothing (each line is then a duplicate).
 */
import { civilDate } from '../../domain/calendar/dates';
import { invalid } from '../../domain/errors';
import { parseDeclarationRows } from '../../domain/intake/declarations';
import { readCsvText } from '../../ingest/csv/reader';
import { refuseReplacementCharacters } from '../../ingest/csv/utf8';
import type { Ctx } from '../context';
import { employerCompany, loadDeclarationSettings, matchCompanyWorker, writeDeclaration } from './declaration-creator';

export interface ImportDeclarationsProps {
  content: string;
  fileName?: string;
  /** Applies to every line: the employer informed each worker of the pré-reprise visit. */
  workersInformedVpr?: boolean;
}

export async function importDeclarations(ctx: Ctx, props: ImportDeclarationsProps) {
  const companyId = employerCompany(ctx);
  const today = civilDate(ctx.now);
  const settings = await loadDeclarationSettings(ctx);
  // The shared CSV reader (src/ingest/csv): a text that was not UTF-8 (replacement characters
  // left by the browser's decoding) is refused naming its line; a stray quote costs its own line
  // only; a line holding a NUL or a lone surrogate is rejected, never sent to PostgreSQL.
  refuseReplacementCharacters(props.content);
  const parsed = parseDeclarationRows(readCsvText(props.content, { delimiter: ';' }).records, today, settings);
  if (!parsed.ok) throw invalid(parsed.code, parsed.message, 'content');
  const report = {
    lines: parsed.lines.length,
    accepted: 0,
    duplicates: 0,
    rejected: 0,
    toVerify: 0,
    warnings: parsed.warnings,
    rejections: [] as { line: number; code: string; field: string | null; message: string }[],
    duplicateLines: [] as number[],
  };
  for (const l of parsed.lines) {
    if (!l.ok) {
      report.rejected++;
      report.rejections.push({ line: l.line, code: l.code, field: l.field ?? null, message: l.message });
      continue;
    }
    const workerId = await matchCompanyWorker(ctx, companyId, l.identity, today);
    const r = await writeDeclaration(ctx, companyId, { ...l.identity, workerId }, l.declaration, props.workersInformedVpr === true, 'csv');
    if (r.outcome === 'duplicate') {
      report.duplicates++;
      report.duplicateLines.push(l.line);
    } else {
      report.accepted++;
      if (r.status === 'a_verifier') report.toVerify++;
    }
  }
  await ctx.record({
    action: 'declaration.import',
    subjectType: 'company',
    subjectId: companyId,
    category: 'administrative',
    details: { lines: report.lines, accepted: report.accepted, duplicates: report.duplicates, rejected: report.rejected },
  });
  return report;
}
