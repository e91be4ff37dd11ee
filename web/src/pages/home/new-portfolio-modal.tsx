import { TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { useCreatePortfolio } from '../../api/mutations';
import { useCurrentOrganisation } from '../../auth/current-organisation';
import { codeProblem, nameProblem, sentence, serverFieldErrors } from '../../shared/validation';
import { CreateModal } from '../../shared/create-modal';

export function NewPortfolioModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { orgId } = useCurrentOrganisation();
  const create = useCreatePortfolio();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [touched, setTouched] = useState(false);
  const server = serverFieldErrors(create.error);
  const errors = {
    code: (touched || code) && codeProblem(code) ? sentence(codeProblem(code) as string) : server.code,
    name: (touched || name) && nameProblem(name) ? sentence(nameProblem(name) as string) : server.name,
  };

  const close = () => {
    create.reset();
    setTouched(false);
    setCode('');
    setName('');
    setDescription('');
    onClose();
  };

  const submit = () => {
    setTouched(true);
    if (codeProblem(code) || nameProblem(name)) return;
    create.mutate(
      { organisationId: orgId, code, name, description, managerId: null, pmoMode: null },
      {
        onSuccess: (p) => {
          close();
          void navigate(`/portfolios/${p.id}`);
        },
      },
    );
  };

  return (
    <CreateModal opened={opened} onClose={close} title="New portfolio" submitLabel="Create portfolio" pending={create.isPending} error={create.error} onSubmit={submit}>
      <TextInput label="Code" description="Short and unique, e.g. DIG" value={code} onChange={(e) => setCode(e.currentTarget.value)} error={errors.code} required data-autofocus />
      <TextInput label="Name" value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
      <Textarea label="Description" value={description} onChange={(e) => setDescription(e.currentTarget.value)} autosize minRows={2} />
    </CreateModal>
  );
}
