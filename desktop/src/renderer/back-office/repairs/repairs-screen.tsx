import { Route, Routes } from 'react-router';
import { ClaimView } from './claim-view';
import { OpenClaim } from './open-claim';
import { Queue } from './queue';

/** The repairs area: the queue, a new claim at `new?serial=`, and a claim at `/back-office/repairs/:id`. */
export function RepairsScreen() {
  return (
    <Routes>
      <Route index element={<Queue />} />
      <Route path="new" element={<OpenClaim />} />
      <Route path=":id" element={<ClaimView />} />
    </Routes>
  );
}
