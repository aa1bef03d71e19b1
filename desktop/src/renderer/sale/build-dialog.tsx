import { Button, defineMessages, Dialog, TextField, useMessages } from '@shop/ui';
import { useState } from 'react';

export const buildTexts = defineMessages({
  en: {
    openBuild: 'PC build',
    title: 'Add a PC build to the sale',
    link: 'Build link or id',
    hint: "Paste or scan the link the customer saved in the web shop's PC builder.",
    add: 'Add all parts',
    cancel: 'Cancel',
    close: 'Close',
    added: 'Every part of the build is in the sale.',
  },
  km: {
    openBuild: 'ការដំឡើង PC',
    title: 'បន្ថែមការដំឡើងកុំព្យូទ័រទៅក្នុងការលក់',
    link: 'តំណ ឬលេខសម្គាល់ការដំឡើង',
    hint: 'បិទភ្ជាប់ ឬស្កេនតំណដែលអតិថិជនបានរក្សាទុកក្នុងកម្មវិធីដំឡើងកុំព្យូទ័រនៃហាងអនឡាញ។',
    add: 'បន្ថែមគ្រឿងទាំងអស់',
    cancel: 'បោះបង់',
    close: 'បិទ',
    added: 'គ្រឿងទាំងអស់នៃការដំឡើងនៅក្នុងការលក់ហើយ។',
  },
});

/** A PC build's link, typed, pasted or scanned: Enter adds every part of it to the sale (core: addBuild). */
export function BuildDialog({
  open,
  onAdd,
  onClose,
}: {
  open: boolean;
  onAdd: (link: string) => void;
  onClose: () => void;
}) {
  const t = useMessages(buildTexts);
  const [link, setLink] = useState('');
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
        setLink('');
      }}
      title={t.title}
      closeLabel={t.close}
    >
      <form
        className="grid gap-4"
        onSubmit={(event) => {
          event.preventDefault();
          if (link.trim()) onAdd(link.trim());
          setLink('');
        }}
      >
        <TextField
          label={t.link}
          hint={t.hint}
          value={link}
          maxLength={300}
          autoFocus
          onChange={(event) => setLink(event.target.value)}
        />
        <div className="flex justify-end gap-2">
          <Button type="button" variant="secondary" size="lg" onClick={onClose}>
            {t.cancel}
          </Button>
          <Button type="submit" size="lg" disabled={!link.trim()}>
            {t.add}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
