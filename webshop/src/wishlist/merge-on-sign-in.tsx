import { useMessages } from '@shop/ui';
import { useEffect, useRef } from 'react';
import { isApiError } from '../api/client';
import { useMe } from '../api/session';
import { useMergeWishlist } from '../api/wishlist';
import { useToast } from '../ui/toast';
import { forgetLocally, useLocalWishlist } from './local-list';
import { wishlistText } from './messages';

/**
 * Once a visitor is signed in (by any way in: sign-in, a code, a new account), the hearts they gave before join the
 * account in one request and are forgotten here. Lives in the layout, so it runs whichever page the sign-in ends on.
 */
export function WishlistMergeOnSignIn() {
  const t = useMessages(wishlistText);
  const me = useMe();
  const local = useLocalWishlist();
  const { mutate: merge } = useMergeWishlist();
  const notify = useToast();
  const sending = useRef(false);
  const userId = me.data?.id;

  useEffect(() => {
    if (!userId || local.length === 0 || sending.current) return;
    sending.current = true;
    const sent = [...local];
    merge(sent, {
      onSuccess: ({ notMerged }) => {
        forgetLocally(sent);
        if (notMerged.length)
          notify({ tone: 'info', title: t.full, description: t.notMerged(notMerged.length) });
      },
      // Refused as it stands (damaged storage): keeping it would only ask again on every page.
      onError: (error) => {
        if (isApiError(error, 400)) forgetLocally(sent);
      },
      onSettled: () => {
        sending.current = false;
      },
    });
  }, [userId, local, merge, notify, t]);

  return null;
}
