import { useMemo, useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { companies as companyOps, type BodyOf } from '@contract';
import { fieldError, formError } from '../api';
import { call } from '../client';
import { can, useSession } from '../auth';
import { formatSiret } from '../format';
import { ErrorAlert } from './ErrorAlert';

export interface CompanyChoice {
  id: string;
  name: string;
}

/** « Entreprise »: searches the companies of the service (name or SIRET) as the user types. */
export function CompanySelect({
  value,
  onChange,
  error,
}: {
  value: CompanyChoice | null;
  onChange: (company: CompanyChoice | null) => void;
  error?: string;
}) {
  const session = useSession();
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const term = debounced.trim();
  const companies = useQuery({
    queryKey: ['companies', term],
    queryFn: ({ signal }) => call(companyOps.search, { query: { q: term }, signal }),
    enabled: term.length >= 2 && term !== value?.name,
  });
  const [opened, { open, close }] = useDisclosure(false);

  const data = useMemo(() => {
    const items = (companies.data?.items ?? []).map((c) => ({
      value: c.id,
      label: c.name,
      siret: c.siret,
      city: c.city ?? '',
    }));
    if (value && !items.some((i) => i.value === value.id)) items.unshift({ value: value.id, label: value.name, siret: '', city: '' });
    return items;
  }, [companies.data, value]);

  return (
    <Stack gap={4}>
      <Select
        label="Entreprise"
        placeholder="Nom ou SIRET de l'entreprise"
        description="Tapez au moins 2 caractères"
        searchable
        clearable
        data={data.map((d) => ({
          value: d.value,
          label: d.label,
          ...(d.siret ? { description: d.siret } : {}),
        }))}
        filter={({ options }) => options}
        value={value?.id ?? null}
        onChange={(id, option) => onChange(id && option ? { id, name: option.label } : null)}
        searchValue={search}
        onSearchChange={setSearch}
        nothingFoundMessage={term.length < 2 ? 'Tapez au moins 2 caractères' : companies.isFetching ? 'Recherche…' : 'Aucune entreprise trouvée'}
        renderOption={({ option }) => {
          const d = data.find((x) => x.value === option.value);
          return (
            <div>
              <div>{option.label}</div>
              {d?.siret && (
                <div style={{ fontSize: 'var(--mantine-font-size-xs)' }}>
                  SIRET {formatSiret(d.siret)}
                  {d.city ? ` · ${d.city}` : ''}
                </div>
              )}
            </div>
          );
        }}
        clearButtonProps={{ 'aria-label': "Effacer l'entreprise" }}
        comboboxProps={{ keepMounted: false, withinPortal: false }}
        error={error}
      />
      {can(session, 'company.create') && (
        <Group>
          <Button variant="subtle" size="compact-sm" onClick={open}>
            Ajouter une entreprise
          </Button>
        </Group>
      )}
      <Modal opened={opened} onClose={close} title="Ajouter une entreprise" size="lg">
        <NewCompanyForm
          onCreated={(c) => {
            onChange(c);
            close();
          }}
          onCancel={close}
        />
      </Modal>
    </Stack>
  );
}

const COMPANY_FIELDS = ['siret', 'name', 'naf', 'workforce', 'postalCode', 'city'];

function NewCompanyForm({ onCreated, onCancel }: { onCreated: (c: CompanyChoice) => void; onCancel: () => void }) {
  const client = useQueryClient();
  const [form, setForm] = useState({ siret: '', name: '', naf: '', workforce: '' as string | number, postalCode: '', city: '' });
  const [missing, setMissing] = useState<Record<string, string>>({});
  const create = useMutation({
    mutationFn: (body: BodyOf<typeof companyOps.create>) => call(companyOps.create, { body }),
    onSuccess: (res, body) => {
      void client.invalidateQueries({ queryKey: ['companies'] });
      onCreated({ id: res.id, name: body.name });
    },
  });
  const err = (f: string) => missing[f] ?? fieldError(create.error, f);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    e.stopPropagation();
    const m: Record<string, string> = {};
    if (!form.siret.trim()) m.siret = 'Saisissez le SIRET (14 chiffres).';
    if (!form.name.trim()) m.name = "Saisissez la raison sociale de l'entreprise.";
    setMissing(m);
    if (Object.keys(m).length) return;
    create.mutate({
      siret: form.siret.replace(/\s+/g, ''),
      name: form.name.trim(),
      ...(form.naf.trim() ? { naf: form.naf.trim() } : {}),
      ...(form.workforce !== '' ? { workforce: Number(form.workforce) } : {}),
      ...(form.postalCode.trim() ? { postalCode: form.postalCode.trim() } : {}),
      ...(form.city.trim() ? { city: form.city.trim() } : {}),
    });
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <ErrorAlert message={formError(create.error, COMPANY_FIELDS)} />
        <TextInput
          label="SIRET"
          required
          inputMode="numeric"
          value={form.siret}
          onChange={(e) => setForm({ ...form, siret: e.currentTarget.value })}
          error={err('siret')}
          data-autofocus
        />
        <TextInput
          label="Raison sociale"
          required
          value={form.name}
          onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
          error={err('name')}
        />
        <Group grow align="flex-start">
          <TextInput label="Code NAF" value={form.naf} onChange={(e) => setForm({ ...form, naf: e.currentTarget.value })} error={err('naf')} />
          <NumberInput
            label="Effectif"
            min={0}
            allowDecimal={false}
            thousandSeparator=" "
            value={form.workforce}
            onChange={(v) => setForm({ ...form, workforce: v })}
            error={err('workforce')}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="Code postal"
            inputMode="numeric"
            value={form.postalCode}
            onChange={(e) => setForm({ ...form, postalCode: e.currentTarget.value })}
            error={err('postalCode')}
          />
          <TextInput label="Ville" value={form.city} onChange={(e) => setForm({ ...form, city: e.currentTarget.value })} error={err('city')} />
        </Group>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Annuler
          </Button>
          <Button type="submit" loading={create.isPending}>
            Enregistrer l'entreprise
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
