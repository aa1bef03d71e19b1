import { useMessages } from '@shop/ui';
import { NavLink, Route, Routes, useLocation } from 'react-router';
import { DevicesTab } from './devices-tab';
import { InvitationsTab } from './invitations-tab';
import { ParkedTab } from './parked-tab';
import { PersonScreen } from './person-screen';
import { StaffTab } from './staff-tab';
import { peopleTexts } from './texts';

const tabs = [
  { to: '/back-office/people', end: true, label: 'tabStaff' },
  { to: '/back-office/people/invitations', end: false, label: 'tabInvitations' },
  { to: '/back-office/people/devices', end: false, label: 'tabDevices' },
  { to: '/back-office/people/parked', end: false, label: 'tabParked' },
] as const;

/** Admin only: who works in the shop (accounts, invitations, sign-ins) and the counters they work at. */
export function PeopleScreen() {
  const t = useMessages(peopleTexts);
  // A person's page belongs to the People tab, whose own link is exact (the others' paths start with it).
  const onPerson = useLocation().pathname.startsWith('/back-office/people/users/');
  return (
    <section className="space-y-4">
      <h1 className="text-2xl font-semibold">{t.title}</h1>
      <nav aria-label={t.title} className="flex gap-1 border-b border-line">
        {tabs.map((tab) => (
          <NavLink
            key={tab.to}
            to={tab.to}
            end={tab.end}
            className={({ isActive }) =>
              `-mb-px border-b-2 px-4 py-2 font-medium ${isActive || (onPerson && tab.end) ? 'border-brand-600 text-brand-700' : 'border-transparent text-muted hover:text-ink'}`
            }
          >
            {t[tab.label]}
          </NavLink>
        ))}
      </nav>
      <Routes>
        <Route index element={<StaffTab />} />
        <Route path="invitations" element={<InvitationsTab />} />
        <Route path="devices" element={<DevicesTab />} />
        <Route path="parked" element={<ParkedTab />} />
        <Route path="users/:id" element={<PersonScreen />} />
      </Routes>
    </section>
  );
}
