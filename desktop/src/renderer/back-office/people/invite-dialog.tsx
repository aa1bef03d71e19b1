import { invitedRoles, type InvitationInput } from '@shop/shared';
import { Button, Dialog, EmailField, FormAlert, SelectField, TextField, useMessages } from '@shop/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, isApiError, problemOf } from '../api';
import { roleLabel } from './labels';
import { peopleTexts } from './texts';

const blank: InvitationInput = { email: '', name: '', role: 'staff', locale: 'km' };

/** Invite a staff member or admin: the server mails the link and says per field what it refused. */
export function InviteDialog() {
  const t = useMessages(peopleTexts);
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [input, setInput] = useState<InvitationInput>(blank);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const invite = useMutation({
    mutationFn: (body: InvitationInput) => api.inviteStaff({ body }),
    onSuccess: (invitation) => {
      setSentTo(invitation.email);
      setInput(blank);
      void queries.invalidateQueries({ queryKey: ['invitations'] });
    },
  });
  const fields = isApiError(invite.error) ? invite.error.fields : {};
  const change = (part: Partial<InvitationInput>) => setInput((current) => ({ ...current, ...part }));

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) {
          setSentTo(null);
          invite.reset();
        }
      }}
      title={t.inviteTitle}
      description={t.inviteLead}
      closeLabel={t.closeDialog}
      trigger={<Button type="button">{t.invite}</Button>}
    >
      <form
        className="space-y-4"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setSentTo(null);
          invite.mutate(input);
        }}
      >
        {sentTo && <FormAlert tone="success">{t.invited(sentTo)}</FormAlert>}
        <EmailField
          label={t.email}
          value={input.email}
          error={fields.email}
          onChange={(event) => change({ email: event.target.value })}
        />
        <TextField
          label={t.name}
          value={input.name}
          error={fields.name}
          onChange={(event) => change({ name: event.target.value })}
        />
        <div className="grid grid-cols-2 gap-3">
          <SelectField
            label={t.role}
            value={input.role}
            error={fields.role}
            onChange={(event) => change({ role: event.target.value as InvitationInput['role'] })}
          >
            {invitedRoles.map((role) => (
              <option key={role} value={role}>
                {roleLabel(t, role)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t.language}
            value={input.locale}
            onChange={(event) => change({ locale: event.target.value as 'en' | 'km' })}
          >
            <option value="km">{t.khmer}</option>
            <option value="en">{t.english}</option>
          </SelectField>
        </div>
        {invite.isError && Object.keys(fields).length === 0 && (
          <FormAlert>{problemOf(invite.error)}</FormAlert>
        )}
        <div className="flex justify-end">
          <Button type="submit" busy={invite.isPending}>
            {t.sendInvite}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
