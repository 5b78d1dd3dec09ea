import type { WebPart } from '../../modules';
import { CarnetSection } from './CarnetSection';
import { EmployerSection } from './EmployerSection';
import { ProfessionalPanel } from './ProfessionalPanel';
import { PublicQuestionnairePage } from './PublicQuestionnairePage';

/**
 * risk / questionnaires: the public answer page of a personal link, the professionals' section on
 * the worker and case pages, the worker's « Mes questionnaires », the employer's questionnaire.
 */
export const part: WebPart = {
  publicRoutes: [{ path: '/questionnaire/:token', element: <PublicQuestionnairePage /> }],
  WorkerSection: ({ workerId }) => <ProfessionalPanel workerId={workerId} />,
  DossierSection: ({ dossierId }) => <ProfessionalPanel dossierId={dossierId} />,
  CarnetSection,
  EmployerSection,
};
