import { Route, Routes } from 'react-router';
import { CustomerList } from './customer-list';
import { CustomerPage } from './customer-detail';

/** The customers area: the list, and a customer's page at `/back-office/customers/:id`. */
export function CustomersScreen() {
  return (
    <Routes>
      <Route index element={<CustomerList />} />
      <Route path=":id" element={<CustomerPage />} />
    </Routes>
  );
}
