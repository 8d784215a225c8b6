import { dayInWords } from "@/lib/engine/calendar";
import { invalid } from "../errors";

/**
 * The first day of the renewal term, checked: the contract has a renewal date on or after the end
 * of its current term, and no scenario takes its demand from the observed burn trend (a trend fitted
 * on months of burn, extrapolated a whole term further, is not a forecast to negotiate on). The
 * brief (horizon "renewal") and the scenario builder ("Priced over: the renewal term") both ask it;
 * `field` is the form field an error is shown on.
 */
export function renewalStartOf(contract: { renewalDate: string | null; termEnd: string }, scenarios: readonly { name: string; doc: unknown }[], field: string, otherwise: string): string {
  const startsOn = contract.renewalDate;
  if (!startsOn) throw invalid(`This contract has no renewal date: set it on the contract, or ${otherwise}.`, { [field]: ["The contract has no renewal date."] });
  if (startsOn < contract.termEnd) {
    throw invalid(`The renewal date (${dayInWords(startsOn)}) is before the current term ends (${dayInWords(contract.termEnd)}): fix the contract's dates, or ${otherwise}.`, {
      [field]: ["The renewal date is inside the current term."],
    });
  }
  const fromBurn = scenarios.find((sc) => (sc.doc as { demand?: { source?: string } } | null)?.demand?.source === "observedBurn");
  if (fromBurn) {
    throw invalid(`"${fromBurn.name}" takes its demand from the observed burn trend, which cannot be projected over the renewal term: give it drivers, or ${otherwise}.`, {
      [field]: ["A scenario's demand is the observed burn trend."],
    });
  }
  return startsOn;
}
