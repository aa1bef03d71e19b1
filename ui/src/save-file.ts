/**
 * Hands data made in the page (an invoice fetched with the session, a CSV, a QR picture) to the browser as a
 * downloaded file, through a Blob address: nothing goes through the server again.
 */
export function saveFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers start the download after the click returns: give them a moment before the address goes.
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
