import { useState } from 'react';
import { Button, Fieldset, Group, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { workers, type BodyOf } from '@contract';
import { fieldError, formError } from '../api';
import { call } from '../client';
import { parseFrenchDate } from '../format';
import { CompanySelect, type CompanyChoice } from './CompanySelect';
import { DateField } from './DateField';
import { ErrorAlert } from './ErrorAlert';

const FIELDS = [
  'nir',
  'birthName',
  'usageName',
  'firstNames',
  'birthDate',
  'sex',
  'email',
  'phone',
  'companyId',
  'jobTitle',
  'startDate',
];

interface FormState {
  nir: string;
  birthName: string;
  usageName: string;
  firstNames: string;
  birthDate: string;
  sex: string;
  email: string;
  phone: string;
  company: CompanyChoice | null;
  jobTitle: string;
  startDate: string;
}

const EMPTY: FormState = {
  nir: '',
  birthName: '',
  usageName: '',
  firstNames: '',
  birthDate: '',
  sex: '',
  email: '',
  phone: '',
  company: null,
  jobTitle: '',
  startDate: '',
};

/** « Créer un salarié »: identity (NIR checked by the server), then the first employment. */
export function WorkerForm({ onCreated, onCancel }: { onCreated: (id: string) => void; onCancel?: () => void }) {
  const client = useQueryClient();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [missing, setMissing] = useState<Record<string, string>>({});
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => {
    setForm((f) => ({ ...f, [key]: value }));
    setMissing((m) => {
      const field = key === 'company' ? 'companyId' : key;
      if (!(field in m)) return m;
      const next = { ...m };
      delete next[field];
      return next;
    });
  };

  const create = useMutation({
    mutationFn: (body: BodyOf<typeof workers.create>) => call(workers.create, { body }),
    onSuccess: (res) => {
      void client.invalidateQueries({ queryKey: ['workers'] });
      onCreated(res.id);
    },
  });
  const err = (f: string) => missing[f] ?? fieldError(create.error, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (!form.birthName.trim()) m.birthName = 'Saisissez le nom de naissance.';
    if (!form.firstNames.trim()) m.firstNames = 'Saisissez le ou les prénoms.';
    if (!form.birthDate) m.birthDate = 'Saisissez la date de naissance au format JJ/MM/AAAA.';
    if (!form.sex) m.sex = 'Indiquez le sexe.';
    if (form.nir.trim() && !/^[0-9AB\s]+$/i.test(form.nir.trim())) m.nir = 'Le NIR ne contient que des chiffres (et A ou B pour la Corse).';
    setMissing(m);
    if (Object.keys(m).length) return;
    const nir = form.nir.replace(/\s+/g, '').toUpperCase();
    create.mutate({
      ...(nir ? { nir } : {}),
      birthName: form.birthName.trim(),
      ...(form.usageName.trim() ? { usageName: form.usageName.trim() } : {}),
      firstNames: form.firstNames.trim(),
      birthDate: form.birthDate,
      sex: form.sex === '2' ? 2 : 1,
      ...(form.email.trim() ? { email: form.email.trim() } : {}),
      ...(form.phone.trim() ? { phone: form.phone.trim() } : {}),
      ...(form.company ? { companyId: form.company.id } : {}),
      ...(form.jobTitle.trim() ? { jobTitle: form.jobTitle.trim() } : {}),
      ...(form.startDate ? { startDate: form.startDate } : {}),
    });
  }

  const errorAbove = formError(create.error, FIELDS);

  return (
    <form onSubmit={submit} noValidate aria-label="Créer un salarié">
      <Stack gap="md">
        <ErrorAlert message={errorAbove} />
        <Fieldset legend="Identité">
          <Stack gap="sm">
            <TextInput
              label="NIR"
              description="Numéro de sécurité sociale, 15 caractères avec la clé (facultatif)"
              autoComplete="off"
              value={form.nir}
              onChange={(e) => set('nir', e.currentTarget.value)}
              error={err('nir')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Nom de naissance"
                required
                value={form.birthName}
                onChange={(e) => set('birthName', e.currentTarget.value)}
                error={err('birthName')}
              />
              <TextInput
                label="Nom d'usage"
                value={form.usageName}
                onChange={(e) => set('usageName', e.currentTarget.value)}
                error={err('usageName')}
              />
              <TextInput
                label="Prénoms"
                required
                value={form.firstNames}
                onChange={(e) => set('firstNames', e.currentTarget.value)}
                error={err('firstNames')}
              />
              <DateField
                label="Date de naissance"
                required
                value={form.birthDate}
                onChange={(v) => set('birthDate', v)}
                error={err('birthDate')}
                maxDate={new Date()}
                defaultLevel="decade"
                onBlur={(e) => {
                  const typed = e.currentTarget.value;
                  if (typed && !parseFrenchDate(typed)) setMissing((m) => ({ ...m, birthDate: 'Date invalide : utilisez le format JJ/MM/AAAA.' }));
                }}
              />
            </SimpleGrid>
            <Radio.Group label="Sexe" required value={form.sex} onChange={(v) => set('sex', v)} error={err('sex')}>
              <Group mt={4}>
                <Radio value="2" label="Femme" />
                <Radio value="1" label="Homme" />
              </Group>
            </Radio.Group>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Adresse électronique"
                type="email"
                value={form.email}
                onChange={(e) => set('email', e.currentTarget.value)}
                error={err('email')}
              />
              <TextInput
                label="Téléphone"
                type="tel"
                value={form.phone}
                onChange={(e) => set('phone', e.currentTarget.value)}
                error={err('phone')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Fieldset legend="Emploi">
          <Stack gap="sm">
            <CompanySelect value={form.company} onChange={(c) => set('company', c)} error={err('companyId')} />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Poste"
                value={form.jobTitle}
                onChange={(e) => set('jobTitle', e.currentTarget.value)}
                error={err('jobTitle')}
              />
              <DateField
                label="Date d'embauche"
                value={form.startDate}
                onChange={(v) => set('startDate', v)}
                error={err('startDate')}
              />
            </SimpleGrid>
          </Stack>
        </Fieldset>
        <Group justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Annuler
            </Button>
          )}
          <Button type="submit" loading={create.isPending}>
            Créer le salarié
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
