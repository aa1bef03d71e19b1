import { EmptyState, useMessages } from '@shop/ui';
import { common } from '../i18n/common';
import { ButtonLink } from '../ui/button-link';
import { useTitle } from '../ui/page';

export function NotFoundPage() {
  const t = useMessages(common);
  useTitle(t.notFound);
  return (
    <EmptyState title={t.notFound}>
      <p>{t.notFoundText}</p>
      <ButtonLink to="/" className="mt-6">
        {t.backHome}
      </ButtonLink>
    </EmptyState>
  );
}
