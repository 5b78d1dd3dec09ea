import { describe, expect, it } from 'vitest';
import { checkRulesOverrides, DEFAULT_RULES_CONFIG, RULE_PARAMETERS, rulesConfigFrom } from './rules-config';

describe('intake rules configuration', () => {
  it('every number has an editable parameter with its basis', () => {
    expect(RULE_PARAMETERS.map((p) => p.key).sort()).toEqual(Object.keys(DEFAULT_RULES_CONFIG).sort());
    for (const p of RULE_PARAMETERS) {
      expect(p.basis).not.toBe('');
      const v = DEFAULT_RULES_CONFIG[p.key];
      if (p.kind === 'integer') {
        expect(typeof v).toBe('number');
        expect(v as number).toBeGreaterThanOrEqual(p.min!);
        expect(v as number).toBeLessThanOrEqual(p.max!);
      }
    }
  });

  it('defaults are the legal values', () => {
    expect(DEFAULT_RULES_CONFIG).toMatchObject({
      preRepriseAfterDays: 30,
      liaisonAfterDays: 30,
      repriseAccidentTravailMinDays: 30,
      repriseMaladieMinDays: 60,
      repriseMaladieFromDate: '2022-03-31',
      repriseDeadlineDays: 8,
      miCarriereAge: 45,
      ijMaxDays: 360,
      ijWindowYears: 3,
      ijAlertDays: 300,
      aldMaxYears: 3,
      aldWarningDays: 90,
      // Issue 13: one calendar year (was 365 days), calendar months, the carence, the former pré-reprise.
      aldResetYears: 1,
      ijCarenceDays: 3,
      preRepriseLegacyAfterMonths: 3,
      miCarriereAnticipationYears: 2,
      prescriptionInitialMaxMonths: 1,
      prescriptionProlongationMaxMonths: 2,
      prescriptionFromDate: '2026-09-01',
    });
  });

  it('merges overrides over the defaults', () => {
    const r = checkRulesOverrides({ repriseMaladieMinDays: 45, miCarriereAge: 50 });
    expect(r.ok && r.value.config).toMatchObject({ repriseMaladieMinDays: 45, miCarriereAge: 50, repriseDeadlineDays: 8 });
    expect(r.ok && r.value.overrides).toEqual({ repriseMaladieMinDays: 45, miCarriereAge: 50 });
  });

  it.each([
    [{ nope: 1 }, 'PARAMETRE_INCONNU', 'nope'],
    [{ repriseDeadlineDays: 1.5 }, 'NOMBRE_INVALIDE', 'repriseDeadlineDays'],
    [{ repriseDeadlineDays: '8' }, 'NOMBRE_INVALIDE', 'repriseDeadlineDays'],
    [{ miCarriereAge: 29 }, 'VALEUR_HORS_LIMITES', 'miCarriereAge'],
    [{ miCarriereAge: 61 }, 'VALEUR_HORS_LIMITES', 'miCarriereAge'],
    [{ repriseMaladieFromDate: '2022-02-30' }, 'DATE_INVALIDE', 'repriseMaladieFromDate'],
    [{ ijAlertDays: 361 }, 'SEUIL_INCOHERENT', 'ijAlertDays'],
    [{ aldWarningDays: 730, aldMaxYears: 2 }, 'SEUIL_INCOHERENT', 'aldWarningDays'],
    [{ worklistVeryLongDays: 60 }, 'SEUIL_INCOHERENT', 'worklistVeryLongDays'],
  ])('refuses %j with %s', (input, code, field) => {
    const r = checkRulesOverrides(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.code, r.field]).toEqual([code, field]);
  });

  it('accepts the limits themselves', () => {
    expect(checkRulesOverrides({ miCarriereAge: 30 }).ok).toBe(true);
    expect(checkRulesOverrides({ miCarriereAge: 60 }).ok).toBe(true);
    expect(checkRulesOverrides({ ijAlertDays: 360 }).ok).toBe(true);
  });

  it('a stored value that no longer validates falls back to the defaults', () => {
    expect(rulesConfigFrom({ miCarriereAge: 5 })).toEqual(DEFAULT_RULES_CONFIG);
    expect(rulesConfigFrom(null)).toEqual(DEFAULT_RULES_CONFIG);
    expect(rulesConfigFrom({ miCarriereAge: 50 }).miCarriereAge).toBe(50);
  });

  it('a stored override of a retired key (days before issue 13) is dropped, the others kept', () => {
    expect(rulesConfigFrom({ aldResetDays: 400, prescriptionInitialMaxDays: 45, miCarriereAge: 50 })).toEqual({ ...DEFAULT_RULES_CONFIG, miCarriereAge: 50 });
    // The form itself does not take them any more.
    const r = checkRulesOverrides({ aldResetDays: 365 });
    expect(!r.ok && r.code).toBe('PARAMETRE_INCONNU');
  });
});
