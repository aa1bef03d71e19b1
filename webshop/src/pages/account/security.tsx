import {
  Badge,
  Button,
  Dialog,
  FormAlert,
  FormEnd,
  PasswordField,
  Skeleton,
  useLocale,
  useMessages,
} from '@shop/ui';
import type { User } from '@shop/shared';
import { Laptop, LogOut, Smartphone } from 'lucide-react';
import { Switch } from 'radix-ui';
import { useId, useState } from 'react';
import { useNavigate } from 'react-router';
import {
  useChangePassword,
  useRevokeSession,
  useSessions,
  useSignOutEverywhere,
  useUpdateMe,
} from '../../api/account';
import { isApiError } from '../../api/client';
import { useMe } from '../../api/session';
import { describeDevice } from '../../account/device-name';
import { accountText } from '../../account/messages';
import { useFieldProps } from '../../auth/field-error';
import { CurrentPasswordField } from '../../auth/password-fields';
import { authText } from '../../auth/messages';
import { changePasswordFormSchema } from '../../auth/password-schemas';
import { showOnFields } from '../../auth/server-fields';
import { ShowPassword } from '../../auth/show-password';
import { common } from '../../i18n/common';
import { formatDateTime } from '../../i18n/format';
import { useShopForm } from '../../ui/form';
import { Card, PageHeading } from '../../ui/page';
import { QueryError } from '../../ui/query-error';
import { useToast } from '../../ui/toast';

/** /account/security: password, 2-step sign-in, the devices signed in, and signing out everywhere. */
export function SecurityPage() {
  const t = useMessages(accountText);
  const user = useMe().data!;
  return (
    <>
      <PageHeading title={t.securityTitle} />
      <div className="max-w-2xl space-y-6">
        <ChangePassword />
        <TwoStepSignIn user={user} />
        <Sessions />
      </div>
    </>
  );
}

function ChangePassword() {
  const t = useMessages(accountText);
  const a = useMessages(authText);
  const c = useMessages(common);
  const notify = useToast();
  const change = useChangePassword();
  const [showPassword, setShowPassword] = useState(false);
  const email = useMe().data?.email ?? '';
  const form = useShopForm(
    changePasswordFormSchema,
    { currentPassword: '', newPassword: '', repeat: '' },
    { failed: c.somethingWrong },
  );
  const field = useFieldProps(form);

  const onSubmit = form.submit(async ({ currentPassword, newPassword }) => {
    try {
      await change.mutateAsync({ currentPassword, newPassword });
      form.reset();
      notify({ title: t.passwordChanged });
    } catch (error) {
      if (isApiError(error, 429)) return form.setFormError(a.tooManyTries);
      if (!showOnFields(form, error)) throw error;
    }
  });

  return (
    <Card>
      <h2 className="text-lg font-bold">{t.passwordTitle}</h2>
      <p className="mt-1 mb-4 text-sm text-muted">{t.passwordLead}</p>
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {/* Lets a password manager know whose password changes. */}
        <input type="email" autoComplete="username" value={email} readOnly hidden />
        <CurrentPasswordField label={t.currentPassword} shown={showPassword} {...field('currentPassword')} />
        <div className="grid gap-4 sm:grid-cols-2">
          <PasswordField
            label={t.newPassword}
            shown={showPassword}
            autoComplete="new-password"
            hint={t.passwordHint}
            {...field('newPassword')}
          />
          <PasswordField
            label={t.repeatPassword}
            shown={showPassword}
            autoComplete="new-password"
            {...field('repeat')}
          />
        </div>
        <ShowPassword checked={showPassword} onChange={setShowPassword} />
        <FormEnd error={form.formError} busy={form.formState.isSubmitting}>
          {t.changePassword}
        </FormEnd>
      </form>
    </Card>
  );
}

function TwoStepSignIn({ user }: { user: User }) {
  const t = useMessages(accountText);
  const c = useMessages(common);
  const notify = useToast();
  const update = useUpdateMe();
  const labelId = useId();
  const staff = user.role !== 'customer';
  const on = update.isPending ? (update.variables.otpLogin ?? user.otpLogin) : user.otpLogin;

  return (
    <Card>
      <h2 className="text-lg font-bold">{t.twoStepTitle}</h2>
      <p className="mt-1 mb-4 text-sm text-muted">{t.twoStepLead}</p>
      <div className="flex items-center justify-between gap-4 rounded-lg bg-slate-50 p-4">
        <label id={labelId} htmlFor={`${labelId}-switch`} className="text-sm font-medium">
          {t.twoStepSwitch}
        </label>
        <Switch.Root
          id={`${labelId}-switch`}
          checked={on}
          disabled={staff || update.isPending}
          onCheckedChange={(otpLogin) =>
            update.mutate(
              { otpLogin },
              {
                onSuccess: () => notify({ title: otpLogin ? t.twoStepOn : t.twoStepOff }),
                onError: () => notify({ title: c.somethingWrong, tone: 'error' }),
              },
            )
          }
          className="relative h-7 w-12 shrink-0 rounded-full bg-slate-300 transition-colors data-[disabled]:opacity-60 data-[state=checked]:bg-brand-600"
        >
          <Switch.Thumb className="block size-6 translate-x-0.5 rounded-full bg-white shadow transition-transform data-[state=checked]:translate-x-[1.375rem]" />
        </Switch.Root>
      </div>
      {staff && <p className="mt-2 text-sm text-muted">{t.twoStepStaff}</p>}
    </Card>
  );
}

function Sessions() {
  const t = useMessages(accountText);
  const c = useMessages(common);
  const { locale } = useLocale();
  const notify = useToast();
  const navigate = useNavigate();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const everywhere = useSignOutEverywhere();
  const [confirming, setConfirming] = useState(false);

  const deviceName = (userAgent: string | null) => {
    const { browser, system } = describeDevice(userAgent);
    if (browser && system) return t.deviceOn(browser, system);
    return browser ?? system ?? t.unknownDevice;
  };

  return (
    <Card>
      <h2 className="text-lg font-bold">{t.sessionsTitle}</h2>
      <p className="mt-1 mb-4 text-sm text-muted">{t.sessionsLead}</p>
      {sessions.isPending ? (
        <div role="status" aria-label={t.sessionsLoading} className="space-y-2">
          <Skeleton className="h-16" />
          <Skeleton className="h-16" />
        </div>
      ) : sessions.isError ? (
        <QueryError title={t.sessionsFailed} detail={false} retry={sessions.refetch} />
      ) : (
        <ul className="divide-y divide-line rounded-lg border border-line">
          {[...sessions.data]
            .sort((a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt - a.lastSeenAt)
            .map((session) => {
              const name = deviceName(session.userAgent);
              const Icon = /Android|iPhone|iPad|Mobile/.test(session.userAgent ?? '') ? Smartphone : Laptop;
              return (
                <li key={session.id} className="flex items-center gap-3 p-3 sm:p-4">
                  <Icon className="size-6 shrink-0 text-muted" aria-hidden="true" />
                  <div className="min-w-0 flex-1">
                    <p className="flex flex-wrap items-center gap-2 font-medium">
                      {name}
                      {session.current && <Badge tone="success">{t.thisDevice}</Badge>}
                    </p>
                    <p className="text-sm text-muted">
                      {t.lastActive(formatDateTime(session.lastSeenAt, locale))}
                      {session.ip && <> · {t.ipAddress(session.ip)}</>}
                    </p>
                  </div>
                  {!session.current && (
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={t.revokeDevice(name)}
                      busy={revoke.isPending && revoke.variables === session.id}
                      onClick={() =>
                        revoke.mutate(session.id, {
                          onSuccess: () => notify({ title: t.revoked }),
                          onError: () => notify({ title: c.somethingWrong, tone: 'error' }),
                        })
                      }
                    >
                      {t.revoke}
                    </Button>
                  )}
                </li>
              );
            })}
        </ul>
      )}
      <div className="mt-6 flex flex-col gap-3 border-t border-line pt-5 sm:flex-row sm:items-center sm:justify-between">
        <div>
          <h3 className="font-semibold">{t.everywhereTitle}</h3>
          <p className="text-sm text-muted">{t.everywhereLead}</p>
        </div>
        <Button variant="secondary" className="shrink-0 text-red-700" onClick={() => setConfirming(true)}>
          <LogOut className="size-4" aria-hidden="true" />
          {t.everywhere}
        </Button>
      </div>
      <Dialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t.everywhereConfirm}
        description={t.everywhereConfirmText}
        closeLabel={c.close}
      >
        {everywhere.isError && <FormAlert>{t.signOutFailed}</FormAlert>}
        <div className="mt-4 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="secondary" onClick={() => setConfirming(false)}>
            {c.cancel}
          </Button>
          <Button
            variant="danger"
            busy={everywhere.isPending}
            onClick={async () => {
              // Awaited rather than a mutate callback: once signed out, the account pages unmount.
              await everywhere.mutateAsync().then(
                () => {
                  notify({ title: t.everywhereDone });
                  void navigate('/login', { replace: true });
                },
                () => undefined, // shown in the dialog (everywhere.isError)
              );
            }}
          >
            {t.everywhere}
          </Button>
        </div>
      </Dialog>
    </Card>
  );
}
