import { Route, Routes } from 'react-router';
import { Inbox } from './inbox';
import { Thread } from './thread';

/** The support area: the inbox, and a thread at `/back-office/support/:id`. */
export function SupportScreen() {
  return (
    <Routes>
      <Route index element={<Inbox />} />
      <Route path=":id" element={<Thread />} />
    </Routes>
  );
}
