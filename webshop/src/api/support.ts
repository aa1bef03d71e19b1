import type { Inquiry, OpenInquiryInput } from '@shop/shared';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { client, queryKeys } from './client';

/** Questions to the shop: a customer's threads with the staff's answers. */

export const INQUIRIES_PAGE_SIZE = 20;

export function useMyInquiries(page: number, options: { enabled?: boolean } = {}) {
  return useQuery({
    queryKey: [...queryKeys.inquiries, 'list', { page }] as const,
    queryFn: ({ signal }) =>
      client.listMyInquiries({ query: { page, pageSize: INQUIRIES_PAGE_SIZE } }, { signal }),
    placeholderData: keepPreviousData,
    enabled: options.enabled ?? true,
    staleTime: 0,
  });
}

export function useMyInquiry(id: string) {
  return useQuery({
    queryKey: queryKeys.inquiry(id),
    queryFn: ({ signal }) => client.getMyInquiry({ params: { id } }, { signal }),
    staleTime: 0,
    // Staff may answer while the thread is open on the screen.
    refetchOnWindowFocus: 'always',
  });
}

function useInquiryChanged() {
  const queries = useQueryClient();
  return (inquiry: Inquiry) => {
    queries.setQueryData(queryKeys.inquiry(inquiry.id), inquiry);
    void queries.invalidateQueries({ queryKey: [...queryKeys.inquiries, 'list'] });
  };
}

export function useOpenInquiry() {
  const changed = useInquiryChanged();
  return useMutation({
    mutationFn: (input: OpenInquiryInput) => client.openInquiry({ body: input }),
    onSuccess: changed,
  });
}

export function useReplyToInquiry(id: string) {
  const changed = useInquiryChanged();
  return useMutation({
    mutationFn: (message: string) => client.replyToMyInquiry({ params: { id }, body: { message } }),
    onSuccess: changed,
  });
}
