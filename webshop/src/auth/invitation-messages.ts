import { defineMessages } from '@shop/ui';

/** The page a staff invitation's link opens (/accept-invitation). */
export const invitationText = defineMessages({
  en: {
    title: 'Join the shop team',
    lead: 'You were invited to work in the shop. Choose a password; then sign in with the code we email you.',
    emailHint: 'The address the invitation came to.',
    accept: 'Accept and choose password',
    expired: 'This invitation cannot be used',
    expiredText:
      'Invitation links work once, for 72 hours, and stop when the shop withdraws them or sends a newer one. Ask the shop for a new invitation.',
    noToken: 'This page needs the link from the invitation email',
    noTokenText: 'Open the link in the invitation email you received from the shop.',
    accepted: 'Your account is ready',
    codeLead: 'Enter the code to finish signing in for the first time.',
    takenText: 'This email has an account already: ask an admin to change its role instead.',
  },
  km: {
    title: 'ចូលរួមក្រុមការងារហាង',
    lead: 'អ្នកត្រូវបានអញ្ជើញឱ្យធ្វើការនៅហាង។ សូមជ្រើសរើសពាក្យសម្ងាត់ រួចចូលគណនីដោយលេខកូដដែលយើងផ្ញើទៅអ៊ីមែលរបស់អ្នក។',
    emailHint: 'អាសយដ្ឋានអ៊ីមែលដែលបានទទួលការអញ្ជើញ។',
    accept: 'ទទួលយក ហើយជ្រើសរើសពាក្យសម្ងាត់',
    expired: 'មិនអាចប្រើការអញ្ជើញនេះបានទេ',
    expiredText:
      'តំណអញ្ជើញប្រើបានតែម្តង ក្នុងរយៈពេល ៧២ ម៉ោង ហើយឈប់ដំណើរការនៅពេលហាងដកវាវិញ ឬផ្ញើតំណថ្មី។ សូមស្នើហាងឱ្យផ្ញើការអញ្ជើញថ្មី។',
    noToken: 'ទំព័រនេះត្រូវការតំណពីអ៊ីមែលអញ្ជើញ',
    noTokenText: 'សូមបើកតំណនៅក្នុងអ៊ីមែលអញ្ជើញដែលអ្នកបានទទួលពីហាង។',
    accepted: 'គណនីរបស់អ្នករួចរាល់ហើយ',
    codeLead: 'បញ្ចូលលេខកូដ ដើម្បីបញ្ចប់ការចូលគណនីលើកដំបូង។',
    takenText: 'អ៊ីមែលនេះមានគណនីរួចហើយ៖ សូមស្នើអ្នកគ្រប់គ្រងឱ្យប្តូរតួនាទីរបស់វាជំនួសវិញ។',
  },
});
