import type { AdminProductRow, StockMovementInput } from '@shop/shared';
import { Button, FormAlert, SelectField, TextField, useMessages } from '@shop/ui';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { api, isApiError, problemOf } from '../api';
import { useCan } from '../products/holder';
import { centsOfText } from '../products/money-input';
import { ProductPicker, useProductPick } from './product-picker';
import { SerialScanner } from './serial-scanner';
import { stockTexts } from './texts';

/**
 * Receiving goods (supplier, their reference, the unit cost for admins, serials scanned one by one) and adjusting
 * stock with a reason: both post one ledger movement (recordStockMovement), which keeps the supplier, reference and
 * unit cost as its own fields; the server makes the unit cost the product's cost price in the same transaction.
 */
export function MovementScreen({ kind }: { kind: 'receive' | 'adjust' }) {
  const { product, pick, refresh } = useProductPick();
  return (
    <div className="max-w-3xl space-y-4">
      <ProductPicker product={product} onPick={pick} />
      {product && <MovementForm key={product.id} kind={kind} product={product} onDone={refresh} />}
    </div>
  );
}

function MovementForm({
  kind,
  product,
  onDone,
}: {
  kind: 'receive' | 'adjust';
  product: AdminProductRow;
  onDone: () => void;
}) {
  const t = useMessages(stockTexts);
  const queries = useQueryClient();
  // The server refuses a unit cost from anyone who may not see costs (403): only they get the field.
  const setsCost = useCan('stock.cost');
  const [quantity, setQuantity] = useState(kind === 'receive' ? '1' : '');
  const [serials, setSerials] = useState<string[]>([]);
  const [supplier, setSupplier] = useState('');
  const [reference, setReference] = useState('');
  const [cost, setCost] = useState('');
  const [preset, setPreset] = useState('');
  const [note, setNote] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const count = Number.parseInt(quantity, 10);
  // Serialized products: every unit received is scanned; an adjustment down names the units that are gone.
  const units = product.serialized && kind === 'receive' ? serials.length : count;

  const reason = () => (kind === 'adjust' ? [preset, note.trim()].filter(Boolean).join(': ') : note.trim());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setProblem(null);
    setDone(null);
    const unitCost = centsOfText(cost);
    if (Number.isNaN(unitCost)) {
      setFields({ cost: t.unitCostHint });
      return;
    }
    const body: StockMovementInput = {
      productId: product.id,
      type: kind,
      quantity: units,
      ...(reason() && { reason: reason() }),
      ...(product.serialized && { serials }),
      ...(kind === 'receive' && supplier.trim() && { supplier: supplier.trim() }),
      ...(kind === 'receive' && reference.trim() && { reference: reference.trim() }),
      ...(kind === 'receive' && setsCost && unitCost !== null && { unitCostCents: unitCost }),
    };
    setBusy(true);
    try {
      await api.recordStockMovement({ body });
      setDone(kind === 'receive' ? t.received(units, product.name) : t.adjusted(units, product.name));
      setSerials([]);
      setQuantity(kind === 'receive' ? '1' : '');
      setNote('');
      setFields({});
      void queries.invalidateQueries({ queryKey: ['admin-products'] });
      void queries.invalidateQueries({ queryKey: ['product-stock', product.id] });
      onDone();
    } catch (failure) {
      setProblem(problemOf(failure));
      if (isApiError(failure)) setFields(failure.fields);
    } finally {
      setBusy(false);
    }
  };

  const reasons = [t.reasonCounted, t.reasonDamaged, t.reasonLost, t.reasonFound, t.reasonOther];
  return (
    <form
      onSubmit={(event) => void submit(event)}
      className="space-y-4 rounded-card border border-line bg-white p-5"
      aria-label={kind === 'receive' ? t.receive : t.adjust}
    >
      {done && (
        <FormAlert tone="success">
          {done}{' '}
          <Link className="underline" to={`/back-office/stock/history/${product.id}`}>
            {t.history}
          </Link>
        </FormAlert>
      )}
      {problem && <FormAlert>{problem}</FormAlert>}
      {kind === 'receive' && (
        <div className="grid grid-cols-2 gap-4">
          <TextField
            label={t.supplier}
            maxLength={120}
            value={supplier}
            error={fields.supplier}
            onChange={(e) => setSupplier(e.target.value)}
          />
          <TextField
            label={t.reference}
            maxLength={80}
            value={reference}
            error={fields.reference}
            onChange={(e) => setReference(e.target.value)}
          />
          {setsCost && (
            <TextField
              label={t.unitCost}
              hint={t.unitCostHint}
              inputMode="decimal"
              value={cost}
              error={fields.cost ?? fields.unitCostCents}
              onChange={(e) => setCost(e.target.value)}
            />
          )}
        </div>
      )}
      {(!product.serialized || kind === 'adjust') && (
        <TextField
          label={kind === 'receive' ? t.quantity : t.quantityAdjust}
          type="number"
          min={kind === 'receive' ? 1 : undefined}
          required
          value={quantity}
          error={fields.quantity}
          onChange={(e) => setQuantity(e.target.value)}
        />
      )}
      {product.serialized && <SerialScanner serials={serials} onChange={setSerials} error={fields.serials} />}
      {kind === 'adjust' && (
        <SelectField label={t.reasons} value={preset} onChange={(e) => setPreset(e.target.value)}>
          <option value="" />
          {reasons.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </SelectField>
      )}
      <TextField
        label={kind === 'adjust' ? t.reason : t.note}
        required={kind === 'adjust' && !preset}
        value={note}
        error={fields.reason}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button type="submit" size="lg" busy={busy} disabled={!units || Number.isNaN(units)}>
        {kind === 'receive' ? t.saveReceipt : t.saveAdjust}
      </Button>
    </form>
  );
}
