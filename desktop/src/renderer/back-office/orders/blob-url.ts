import { useEffect, useState } from 'react';

/**
 * A document the server answered (a PDF, a screenshot) as an address the page can show: made while it is shown and
 * given back after, so a long day of looking at screenshots does not keep every one of them in memory.
 */
export function useBlobUrl(blob: Blob | undefined): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const made = URL.createObjectURL(blob);
    setUrl(made);
    return () => {
      URL.revokeObjectURL(made);
      setUrl(null);
    };
  }, [blob]);
  return url;
}
