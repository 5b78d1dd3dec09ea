/**
 * The evaluation report as one self-contained French HTML page: inline CSS and SVG charts, no
 * script, no external asset, so that it can be mailed, archived or opened offline. Every chart
 * has a table with the same numbers next to it (screen readers, printing).
 */
import type { CalibrationResult } from '../../../domain/risk/evaluation/calibration';
import type { ComponentEvaluation, EvaluationReport } from '../../../domain/risk/evaluation/evaluate';
import type { Proportion } from '../../../domain/risk/evaluation/stats';
import { UNVALIDATED_MODEL_LABEL } from '../../../domain/risk/health-model';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
const num = (v: number, digits = 2) => v.toLocaleString('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (v: number | null) => (v === null ? '—' : `${num(v * 100, 1)} %`);
const prop = (p: Proportion) => (p.estimate === null ? '—' : `${pct(p.estimate)} <span class="ci">[${num(p.lower! * 100, 1)} – ${num(p.upper! * 100, 1)}]</span>`);
const int = (v: number) => v.toLocaleString('fr-FR');

/** Line colours and dash patterns (told apart without colour too). */
const STYLES: Record<string, { color: string; dash: string }> = {
  sante: { color: '#1c7ed6', dash: '' },
  wai: { color: '#e8590c', dash: '6 3' },
  employeur: { color: '#2f9e44', dash: '2 3' },
  niveau_final: { color: '#862e9c', dash: '8 3 2 3' },
  combine: { color: '#212529', dash: '' },
};

const CSS = `
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#212529;max-width:1100px;margin:2rem auto;padding:0 1rem;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #dee2e6;padding-bottom:.2rem}h3{font-size:1.08rem;margin-top:1.4rem}
table{border-collapse:collapse;margin:.6rem 0;font-size:.9rem}th,td{border:1px solid #ced4da;padding:.25rem .5rem;text-align:right;vertical-align:top}
th:first-child,td:first-child{text-align:left}thead th{background:#f1f3f5}caption{text-align:left;font-weight:600;padding:.3rem 0}
.ci{color:#495057;font-size:.85em;white-space:nowrap}.warn{background:#fff4e6;border-left:4px solid #e8590c;padding:.6rem 1rem;margin:1rem 0}
.note{color:#495057}.charts{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}svg text{font-size:11px;fill:#343a40}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}dd{margin:0}
@media print{body{margin:0}h2{break-before:auto}}`;

/** The whole report as an HTML document. */
export function renderEvaluationHtml(r: EvaluationReport): string {
  const evaluated = r.components.filter((c) => c.auc);
  const parts: string[] = [];
  parts.push(`<!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`);
  parts.push(`<title>Évaluation de l'indice de risque de désinsertion — ${esc(r.cohort.name)}</title><style>${CSS}</style></head><body><main>`);
  parts.push(`<h1>Évaluation de l'indice de risque de désinsertion professionnelle</h1>`);
  parts.push(
    `<p>Cohorte « ${esc(r.cohort.name)} » — ${int(r.cohort.n)} salariés retenus, dont ${int(r.cohort.events)} avec une désinsertion à 12 mois (${prop(r.cohort.prevalence)}).` +
      (r.cohort.rejectedLines ? ` ${int(r.cohort.rejectedLines)} ligne(s) du fichier écartée(s) pour erreur.` : '') +
      ` Rapport produit le ${esc(new Date(r.generatedAt).toLocaleString('fr-FR', { timeZone: 'Europe/Paris' }))} par Maintien.</p>`,
  );
  parts.push(
    `<p class="note">L'indice est une aide à la décision : le niveau final est choisi et signé par un professionnel de santé, et aucune décision ne découle d'un nombre seul. Ce rapport mesure à quel point chaque composante distingue, dans cette cohorte, les salariés qui ont connu une désinsertion de ceux qui sont restés en emploi.</p>`,
  );
  for (const w of r.warnings) parts.push(`<p class="warn" role="note">${esc(w)}</p>`);

  parts.push(`<h2>Modèle de la composante dossier de santé</h2><dl>`);
  parts.push(`<dt>Modèle</dt><dd>${esc(r.model.label)} — identifiant ${esc(r.model.id)}, version ${esc(r.model.version)}${r.model.validated ? ' (validé)' : ` <strong>(${UNVALIDATED_MODEL_LABEL})</strong>`}</dd>`);
  parts.push(`<dt>Origine des coefficients</dt><dd>${esc(r.model.source)}</dd>`);
  if (r.model.calibratedOn) {
    const c = r.model.calibratedOn;
    parts.push(`<dt>Calibré sur</dt><dd>« ${esc(c.cohort)} » : ${int(c.n)} salariés, ${int(c.events)} événements, le ${esc(c.at)}</dd>`);
  }
  parts.push(`<dt>Seuils des niveaux 1, 2, 3</dt><dd>probabilité ≥ ${r.model.thresholds.map((t) => num(t, 3)).join(' ; ')}</dd></dl>`);

  parts.push(`<h2>Synthèse</h2>`);
  parts.push(`<div class="charts">${rocSvg(evaluated)}`);
  parts.push(
    `<table><caption>Aire sous la courbe ROC (AUC) par composante</caption><thead><tr><th scope="col">Composante</th><th scope="col">Salariés</th><th scope="col">Désinsertions</th><th scope="col">AUC [IC 95 %]</th></tr></thead><tbody>` +
      r.components
        .map(
          (c) =>
            `<tr><th scope="row">${esc(c.label)}</th><td>${int(c.n)}</td><td>${int(c.events)}</td><td>${c.auc ? `${num(c.auc.estimate, 3)} <span class="ci">[${num(c.auc.lower, 3)} – ${num(c.auc.upper, 3)}]</span>` : 'non évaluée'}</td></tr>`,
        )
        .join('') +
      `</tbody></table></div>`,
  );
  parts.push(
    `<p class="note">Les composantes 2 et 3 et le niveau signé ne sont évalués que sur les salariés pour lesquels ils sont renseignés (${int(r.cohort.withWai)}, ${int(r.cohort.withEmployer)} et ${int(r.cohort.withLevel)} salariés) : leurs AUC portent sur des populations différentes et se comparent avec prudence.</p>`,
  );

  for (const c of r.components) parts.push(componentSection(c));

  if (r.combined) {
    parts.push(`<h2>Poids des composantes dans l'indice combiné</h2>`);
    parts.push(
      `<table><caption>Régression logistique de l'issue sur les composantes, ajustée sur toute la cohorte</caption><thead><tr><th scope="col">Terme</th><th scope="col">Coefficient (log-odds)</th><th scope="col">Odds ratio [IC 95 %]</th></tr></thead><tbody>` +
        r.combined.terms
          .map((t) => `<tr><th scope="row">${esc(t.label)}</th><td>${num(t.coefficient, 3)}</td><td>${num(t.oddsRatio, 2)} <span class="ci">[${num(t.lower, 2)} – ${num(t.upper, 2)}]</span></td></tr>`)
          .join('') +
        `</tbody></table>`,
    );
  }
  parts.push(GLOSSARY);
  parts.push(`</main></body></html>`);
  return parts.join('\n');
}

function componentSection(c: ComponentEvaluation): string {
  const out: string[] = [`<h2 id="composante-${c.key}">${esc(c.label)}</h2>`, `<p>${esc(c.description)}</p>`];
  for (const n of c.notes) out.push(`<p class="warn" role="note">${esc(n)}</p>`);
  if (c.auc) {
    out.push(
      `<p><strong>AUC ${num(c.auc.estimate, 3)}</strong> (IC 95 % ${num(c.auc.lower, 3)} – ${num(c.auc.upper, 3)}, méthode de DeLong) sur ${int(c.n)} salariés dont ${int(c.events)} désinsertions.</p>`,
    );
  }
  if (c.thresholds.length) {
    out.push(
      `<table><caption>Performances à chaque seuil (salarié signalé si ${c.direction === 'lower' ? 'la valeur est inférieure ou égale au seuil' : 'la valeur atteint le seuil'})</caption><thead><tr><th scope="col">Règle</th><th scope="col">Signalés</th><th scope="col">Sensibilité</th><th scope="col">Spécificité</th><th scope="col">VPP</th><th scope="col">VPN</th></tr></thead><tbody>` +
        c.thresholds
          .map((t) => `<tr><th scope="row">${esc(t.rule)}</th><td>${int(t.flagged)}</td><td>${prop(t.sensitivity)}</td><td>${prop(t.specificity)}</td><td>${prop(t.ppv)}</td><td>${prop(t.npv)}</td></tr>`)
          .join('') +
        `</tbody></table>`,
    );
  }
  if (c.bands.length) {
    out.push(
      `<table><caption>Taux de désinsertion observé par classe</caption><thead><tr><th scope="col">Classe</th><th scope="col">Salariés</th><th scope="col">Désinsertions</th><th scope="col">Taux observé [IC 95 %]</th></tr></thead><tbody>` +
        c.bands.map((b) => `<tr><th scope="row">${esc(b.label)}</th><td>${int(b.observed.total)}</td><td>${int(b.observed.count)}</td><td>${prop(b.observed)}</td></tr>`).join('') +
        `</tbody></table>`,
    );
  }
  if (c.calibration) out.push(calibrationBlock(c.key, c.calibration));
  return out.join('\n');
}

function calibrationBlock(key: string, cal: CalibrationResult): string {
  const hl = cal.hosmerLemeshow;
  const out = [`<h3>Calibration</h3><div class="charts">${calibrationSvg(key, cal)}`];
  out.push(
    `<table><caption>Risque prédit et taux observé par groupe de risque prédit (déciles)</caption><thead><tr><th scope="col">Groupe</th><th scope="col">Salariés</th><th scope="col">Prédit (moyenne)</th><th scope="col">Attendus</th><th scope="col">Observés</th><th scope="col">Taux observé [IC 95 %]</th></tr></thead><tbody>` +
      cal.groups
        .map((g) => `<tr><th scope="row">${g.group}</th><td>${int(g.n)}</td><td>${pct(g.meanPredicted)}</td><td>${num(g.expected, 1)}</td><td>${int(g.observed.count)}</td><td>${prop(g.observed)}</td></tr>`)
        .join('') +
      `</tbody></table></div>`,
  );
  out.push(
    `<p>${hl ? `Test de Hosmer–Lemeshow : χ² = ${num(hl.statistic, 2)} à ${hl.df} degrés de liberté, p = ${hl.pValue < 0.001 ? '< 0,001' : num(hl.pValue, 3)}${hl.pValue < 0.05 ? ' — les probabilités prédites s’écartent des taux observés.' : ' — pas d’écart détecté (ce qui ne prouve pas que le modèle est bien calibré sur une petite cohorte).'}` : 'Trop peu de groupes pour le test de Hosmer–Lemeshow.'}` +
      (cal.observedExpectedRatio !== null ? ` Rapport observés / attendus : ${num(cal.observedExpectedRatio, 2)} (1 = juste en moyenne ; plus de 1 = le modèle sous-estime le risque).` : '') +
      `</p>`,
  );
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// SVG charts
// ---------------------------------------------------------------------------------------------

const SIZE = 300;
const M = { left: 48, top: 12, right: 12, bottom: 40 };
const W = SIZE + M.left + M.right;
const H = SIZE + M.top + M.bottom;
const sx = (v: number, max = 1) => M.left + (v / max) * SIZE;
const sy = (v: number, max = 1) => M.top + SIZE - (v / max) * SIZE;

function axes(xLabel: string, yLabel: string, max = 1): string {
  const ticks = [0, 0.2, 0.4, 0.6, 0.8, 1].map((t) => t * max);
  const grid = ticks
    .map(
      (t) =>
        `<line x1="${sx(t, max)}" y1="${sy(0, max)}" x2="${sx(t, max)}" y2="${sy(max, max)}" stroke="#e9ecef"/><line x1="${sx(0, max)}" y1="${sy(t, max)}" x2="${sx(max, max)}" y2="${sy(t, max)}" stroke="#e9ecef"/>` +
        `<text x="${sx(t, max)}" y="${sy(0, max) + 14}" text-anchor="middle">${num(t, max < 1 ? 2 : 1)}</text><text x="${sx(0, max) - 6}" y="${sy(t, max) + 4}" text-anchor="end">${num(t, max < 1 ? 2 : 1)}</text>`,
    )
    .join('');
  return (
    grid +
    `<rect x="${M.left}" y="${M.top}" width="${SIZE}" height="${SIZE}" fill="none" stroke="#868e96"/>` +
    `<line x1="${sx(0, max)}" y1="${sy(0, max)}" x2="${sx(max, max)}" y2="${sy(max, max)}" stroke="#adb5bd" stroke-dasharray="4 4"/>` +
    `<text x="${M.left + SIZE / 2}" y="${H - 6}" text-anchor="middle">${xLabel}</text>` +
    `<text transform="translate(12 ${M.top + SIZE / 2}) rotate(-90)" text-anchor="middle">${yLabel}</text>`
  );
}

function rocSvg(components: ComponentEvaluation[]): string {
  const lines = components
    .map((c) => {
      const s = STYLES[c.key];
      const pts = c.roc.map((p) => `${sx(p.fpr).toFixed(1)},${sy(p.tpr).toFixed(1)}`).join(' ');
      return `<polyline points="${pts}" fill="none" stroke="${s.color}" stroke-width="${c.key === 'combine' ? 2.5 : 1.8}"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/>`;
    })
    .join('');
  const legend = components
    .map((c, i) => {
      const s = STYLES[c.key];
      const y = sy(0) - 14 - (components.length - 1 - i) * 15;
      return `<line x1="${sx(0.42)}" y1="${y - 4}" x2="${sx(0.5)}" y2="${y - 4}" stroke="${s.color}" stroke-width="2"${s.dash ? ` stroke-dasharray="${s.dash}"` : ''}/><text x="${sx(0.52)}" y="${y}">${esc(shortLabel(c))} (${num(c.auc!.estimate, 2)})</text>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="roc-titre" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title id="roc-titre">Courbes ROC des composantes (sensibilité selon 1 − spécificité) ; les valeurs sont dans le tableau voisin</title>${axes('1 − spécificité', 'Sensibilité')}${lines}${legend}</svg>`;
}

function shortLabel(c: ComponentEvaluation): string {
  return { sante: 'Dossier de santé', wai: 'WAI', employeur: 'Employeur', niveau_final: 'Niveau signé', combine: 'Indice combiné' }[c.key];
}

function calibrationSvg(key: string, cal: CalibrationResult): string {
  const top = Math.max(...cal.groups.map((g) => Math.max(g.maxPredicted, g.observed.upper ?? 0)));
  const max = [0.1, 0.2, 0.25, 0.5, 1].find((m) => m >= top) ?? 1;
  const marks = cal.groups
    .map((g) => {
      const x = sx(g.meanPredicted, max);
      const bar = g.observed.lower === null ? '' : `<line x1="${x}" y1="${sy(g.observed.lower, max)}" x2="${x}" y2="${sy(g.observed.upper!, max)}" stroke="#495057"/>`;
      return `${bar}<circle cx="${x}" cy="${sy(g.observed.estimate ?? 0, max)}" r="4" fill="${STYLES[key].color}"/>`;
    })
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="cal-${key}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><title id="cal-${key}">Calibration : taux observé (avec son intervalle) selon le risque prédit, par groupe ; la diagonale est la calibration parfaite</title>${axes('Risque prédit', 'Taux observé', max)}${marks}</svg>`;
}

const GLOSSARY = `<h2>Comment lire ce rapport</h2><dl>
<dt>AUC</dt><dd>Probabilité qu'un salarié qui a connu une désinsertion ait un score plus défavorable qu'un salarié resté en emploi, pris au hasard. 0,5 = pas mieux que le hasard ; 0,7 = acceptable ; 0,8 = bon ; 1 = parfait. L'intervalle de confiance à 95 % (méthode de DeLong) dit la précision due à la taille de la cohorte.</dd>
<dt>Sensibilité</dt><dd>Parmi les salariés qui ont connu une désinsertion, la part que le seuil aurait signalée.</dd>
<dt>Spécificité</dt><dd>Parmi les salariés restés en emploi, la part que le seuil n'aurait pas signalée.</dd>
<dt>VPP</dt><dd>Valeur prédictive positive : parmi les salariés signalés, la part qui a connu une désinsertion. Dépend de la fréquence de la désinsertion dans la population.</dd>
<dt>VPN</dt><dd>Valeur prédictive négative : parmi les salariés non signalés, la part restée en emploi.</dd>
<dt>Intervalles</dt><dd>Intervalles de confiance à 95 % de Wilson pour les proportions ; larges quand les effectifs sont petits.</dd>
<dt>Calibration</dt><dd>Les salariés sont rangés par risque prédit en dix groupes ; un modèle bien calibré prédit dans chaque groupe le taux réellement observé (points sur la diagonale). Le test de Hosmer–Lemeshow résume l'écart.</dd>
<dt>Indice combiné</dt><dd>Régression logistique de l'issue sur les trois composantes, évaluée en validation croisée (chaque salarié est prédit par un modèle qui ne l'a pas vu), pour ne pas flatter ses performances.</dd>
</dl>`;
