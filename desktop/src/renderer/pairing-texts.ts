import { defineMessages } from '@shop/ui';

export const pairingTexts = defineMessages({
  en: {
    title: 'Set up this counter',
    hint: 'An admin creates the counter (npm run shop -- create-device on the server) and reads you its pairing code. It works once, for 15 minutes.',
    serverUrl: 'Shop server address',
    pairingCode: 'Pairing code',
    pairing: 'Pairing…',
    pair: 'Pair this counter',
  },
  km: {
    title: 'រៀបចំម៉ាស៊ីនលក់នេះ',
    hint: 'អ្នកគ្រប់គ្រងបង្កើតម៉ាស៊ីនលក់ (npm run shop -- create-device នៅលើម៉ាស៊ីនមេ) ហើយអានលេខកូដផ្គូផ្គងឱ្យអ្នក។ វាប្រើបានតែម្តង ក្នុងរយៈពេល 15 នាទី។',
    serverUrl: 'អាសយដ្ឋានម៉ាស៊ីនមេរបស់ហាង',
    pairingCode: 'លេខកូដផ្គូផ្គង',
    pairing: 'កំពុងផ្គូផ្គង…',
    pair: 'ផ្គូផ្គងម៉ាស៊ីនលក់នេះ',
  },
});
