import { useCallback, useEffect, useState } from 'react';
import type { SaleView } from '../../core/commands';
import { CommandFailed, messageOf, run } from '../bridge';

/** A change the core refused as over the cashier's discount limit: made again once an admin's PIN approves. */
export interface AwaitingApproval {
  command: string;
  input: unknown;
}

/**
 * The sale on screen as the core holds it. Every change is a core command answering the new sale; a refusal (a
 * discount over the role's limit, a quantity out of range) keeps the sale as it was and says why.
 */
export function useSale() {
  const [sale, setSale] = useState<SaleView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [awaitingApproval, setAwaitingApproval] = useState<AwaitingApproval | null>(null);

  useEffect(() => {
    run<SaleView>('sale')
      .then(setSale)
      .catch((failure: unknown) => setProblem(messageOf(failure)));
  }, []);

  /** Runs a command that answers the sale; true when it was taken. */
  const change = useCallback(async (command: string, input: unknown = null): Promise<boolean> => {
    try {
      setSale(await run<SaleView>(command, input));
      setProblem(null);
      return true;
    } catch (failure) {
      setProblem(messageOf(failure));
      if (failure instanceof CommandFailed && failure.error.code === 'over_limit')
        setAwaitingApproval({ command, input });
      return false;
    }
  }, []);

  return { sale, setSale, problem, setProblem, change, awaitingApproval, setAwaitingApproval };
}
