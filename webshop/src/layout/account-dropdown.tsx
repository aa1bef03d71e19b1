import type { User } from '@shop/shared';
import { useMessages } from '@shop/ui';
import { ChevronDown, UserRound } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { Link, useNavigate } from 'react-router';
import { useSignOut } from '../api/session';
import { layoutText } from './messages';

const item = 'block cursor-pointer rounded-md px-3 py-2 text-sm outline-none data-[highlighted]:bg-brand-50';

/** The signed-in customer's menu (account-menu.tsx loads it once someone is signed in). */
export function AccountDropdown({ user, triggerClass }: { user: User; triggerClass: string }) {
  const t = useMessages(layoutText);
  const signOut = useSignOut();
  const navigate = useNavigate();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={triggerClass} aria-label={t.account}>
        <UserRound className="size-5" aria-hidden="true" />
        <span className="hidden max-w-32 truncate sm:inline">{user.name.split(' ')[0]}</span>
        <ChevronDown className="size-4 max-sm:hidden" aria-hidden="true" />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          align="end"
          sideOffset={6}
          className="z-40 min-w-48 rounded-card border border-line bg-white p-1 shadow-lg"
        >
          <DropdownMenu.Label className="truncate px-3 py-2 text-xs text-muted">
            {user.email}
          </DropdownMenu.Label>
          <DropdownMenu.Item asChild>
            <Link to="/account/orders" className={item}>
              {t.myOrders}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild>
            <Link to="/account" className={item}>
              {t.myAccount}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Item asChild>
            <Link to="/account/support" className={item}>
              {t.support}
            </Link>
          </DropdownMenu.Item>
          <DropdownMenu.Separator className="my-1 h-px bg-line" />
          <DropdownMenu.Item
            className={item}
            onSelect={() => signOut.mutate(undefined, { onSuccess: () => void navigate('/') })}
          >
            {t.signOut}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
