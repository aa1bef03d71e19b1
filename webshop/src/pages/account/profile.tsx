import { FormEnd, PhoneField, SelectField, TextField, useLocale, useMessages } from '@shop/ui';
import { formatCambodianPhone, localeSchema, profilePatchSchema, type Locale, type User } from '@shop/shared';
import { useUpdateMe } from '../../api/account';
import { useMe } from '../../api/session';
import { accountText } from '../../account/messages';
import { useFieldProps } from '../../auth/field-error';
import { showOnFields } from '../../auth/server-fields';
import { common } from '../../i18n/common';
import { formatDate } from '../../i18n/format';
import { useShopForm } from '../../ui/form';
import { Card, PageHeading } from '../../ui/page';
import { useToast } from '../../ui/toast';

const languageNames: Record<Locale, string> = { en: 'English', km: 'ខ្មែរ (Khmer)' };

/** /account: name, phone and language (the shop's pages and its mails). */
export function ProfilePage() {
  const t = useMessages(accountText);
  const me = useMe();
  // The account layout shows this page only to a signed-in customer.
  const user = me.data!;
  return (
    <>
      <PageHeading title={t.profileTitle} />
      <Card className="max-w-2xl">
        <p className="mb-5 text-sm text-muted">{t.profileLead}</p>
        {/* A new form when the account changes (another tab saved it), so the fields show what is saved. */}
        <ProfileForm key={`${user.id}:${user.name}:${user.phone}:${user.locale}`} user={user} />
      </Card>
    </>
  );
}

function ProfileForm({ user }: { user: User }) {
  const t = useMessages(accountText);
  const c = useMessages(common);
  const { locale, setLocale } = useLocale();
  const notify = useToast();
  const update = useUpdateMe();
  const form = useShopForm(
    profilePatchSchema,
    { name: user.name, phone: user.phone && formatCambodianPhone(user.phone), locale: user.locale },
    { failed: c.somethingWrong },
  );
  const field = useFieldProps(form);

  const onSubmit = form.submit(async (values) => {
    const patch = {
      name: values.name,
      phone: values.phone ?? null,
      locale: localeSchema.parse(values.locale),
    };
    if (patch.name === user.name && patch.phone === user.phone && patch.locale === user.locale) {
      form.setFormError(null);
      notify({ title: t.noChanges, tone: 'info' });
      return;
    }
    // The page switches first, so the language kept for the page and the account never disagree.
    if (patch.locale !== locale) setLocale(patch.locale);
    try {
      await update.mutateAsync(patch);
      notify({ title: t.profileSaved });
    } catch (error) {
      if (!showOnFields(form, error)) throw error;
    }
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <TextField label={t.name} autoComplete="name" {...field('name')} />
      <div className="space-y-1">
        <p className="text-sm font-medium">{t.email}</p>
        <p className="truncate rounded-lg border border-line bg-slate-50 px-3 py-2.5 text-ink">
          {user.email}
        </p>
        <p className="text-sm text-muted">{t.emailNote}</p>
      </div>
      <PhoneField
        label={t.phone}
        hint={t.phoneHint}
        // No phone is "none" (null): an empty field would fail the phone number rule.
        {...field('phone', { setValueAs: (v: string | null) => (v?.trim() ? v : null) })}
      />
      <SelectField label={t.language} {...field('locale')}>
        {localeSchema.options.map((option) => (
          <option key={option} value={option} lang={option}>
            {languageNames[option]}
          </option>
        ))}
      </SelectField>
      <p className="text-sm text-muted">{t.memberSince(formatDate(user.createdAt, locale))}</p>
      <FormEnd error={form.formError} busy={form.formState.isSubmitting} size="lg">
        {c.save}
      </FormEnd>
    </form>
  );
}
