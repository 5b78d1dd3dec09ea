import { Stack } from '@mantine/core';
import { can } from '../../auth';
import { Guard } from '../../components/Guard';
import type { WebPart } from '../../modules';
import { CalculatorsSection } from './CalculatorsSection';
import { DocumentsSection, NewTaskSection } from './DocumentsSection';
import { InvaliditySettingsPage } from './InvaliditySettingsPage';
import { PlanSection } from './PlanSection';
import { CarnetMeasures, EmployerMeasures } from './SpaceSections';

function DossierSection({ dossierId }: { dossierId: string }) {
  return (
    <Stack gap="lg">
      <PlanSection dossierId={dossierId} />
      <NewTaskSection dossierId={dossierId} />
      <CalculatorsSection dossierId={dossierId} />
      <DocumentsSection dossierId={dossierId} />
    </Stack>
  );
}

/** parcours / measures: plan de maintien, tasks, calculators and documents on the case page; the worker's and employer's views. */
export const part: WebPart = {
  routes: [{ path: 'parametres/invalidite', element: <Guard any={['settings.manage']}><InvaliditySettingsPage /></Guard> }],
  nav: (session) => (can(session, 'settings.manage') ? [{ to: '/parametres/invalidite', label: 'Règle invalidité' }] : []),
  DossierSection,
  CarnetSection: CarnetMeasures,
  EmployerSection: EmployerMeasures,
};
