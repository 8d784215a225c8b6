// Shape of a built-in rate card template: one dated version of a vendor's published card, with the
// public pages every figure came from. Templates are data (lib/ratecards/templates.ts); a contract
// starts from one and the user then edits its own copy.
//
// Every number is a decimal string ("0.13", "0.005") so that nothing is lost on the way into the
// model document, which accepts decimal strings as they are.
import type { IsoDate } from "@/lib/engine/types";

/** A decimal written as a string, e.g. "20", "0.13", "2750000". */
export type DecimalString = string;

/**
 * How the page's text was read for this template:
 * - `direct`: the page itself (or its stored copy);
 * - `mirror`: a verbatim copy of the page hosted elsewhere (the figures are the page's own words);
 * - `restated`: the page could not be read; its figures are known from third parties who quote it.
 */
export type SourceAccess = "direct" | "mirror" | "restated";

export interface TemplateSource {
  /** key that figures use to cite this source, unique within a template */
  id: string;
  url: string;
  title: string;
  publisher: string;
  /** the vendor's own page, or a third party writing about the vendor's pricing */
  kind: "vendor" | "third-party";
  /** the version or date the page itself states ("Effective September 10, 2025", "Last updated …") */
  version?: string;
  /** when the page was consulted for this template */
  retrieved: IsoDate;
  access: SourceAccess;
  /** caveats about the source itself (partial copy, title inferred, …) */
  note?: string;
}

interface FigureBase {
  /** ids of the template's sources that state this figure */
  sources: readonly string[];
  note?: string;
}

interface UnitBase extends FigureBase {
  /** unit id, used by drivers and clauses of the model document */
  id: string;
  name: string;
}

/** A metered unit with its published credits per unit. */
export interface PublishedUnit extends UnitBase {
  creditsPerUnit: DecimalString;
  /** the source gives the value as "about" / "≈": a planning figure, not a contractual one */
  approximate?: boolean;
  unpublished?: false;
}

/** A metered unit the vendor names but publishes no credit value for: the user must enter one. */
export interface UnpublishedUnit extends UnitBase {
  creditsPerUnit?: undefined;
  approximate?: undefined;
  unpublished: true;
}

export type TemplateUnit = PublishedUnit | UnpublishedUnit;

/** Mirrors the model document's CreditPrice, with decimal strings. */
export type TemplateCreditPrice =
  | { kind: "direct"; pricePerCredit: DecimalString }
  | { kind: "pack"; packPrice: DecimalString; packCredits: DecimalString }
  | { kind: "unknown" };

/** Another published way to buy the same credits (e.g. pay-as-you-go beside a prepaid pack). */
export interface AlternativeCreditPrice extends FigureBase {
  label: string;
  creditPrice: TemplateCreditPrice;
}

export interface TemplatePack extends FigureBase {
  name: string;
  price: DecimalString;
  credits: DecimalString;
}

export interface PerUserAlternative extends FigureBase {
  name: string;
  pricePerUserPerMonth: DecimalString;
}

interface AllotmentBase extends FigureBase {
  name: string;
  per: "month" | "year";
}

/** Credits that come with a subscription or edition, before any purchase. */
export type TemplateAllotment =
  | (AllotmentBase & { credits: DecimalString; unpublished?: false })
  | (AllotmentBase & { credits?: undefined; unpublished: true });

export interface RateCardTemplate {
  /** `${family}-${effectiveFrom}`: unique, stable, readable */
  id: string;
  /** the vendor card this is a version of; later versions of the same card share it */
  family: string;
  vendor: string;
  product: string;
  /** ISO 4217 */
  currency: string;
  /** first day this version of the card applies (the date of the rate page version used) */
  effectiveFrom: IsoDate;
  /** exclusive end, when a later version replaced it */
  effectiveTo?: IsoDate;
  /** the page the card is taken from: the vendor's own wherever it exists */
  source: TemplateSource;
  /** further pages that state, corroborate or date individual figures */
  otherSources: readonly TemplateSource[];
  notes: readonly string[];
  units: readonly TemplateUnit[];
  /** the price of a credit the template proposes; `unknown` when the vendor publishes none */
  creditPrice: TemplateCreditPrice;
  creditPriceSources: readonly string[];
  creditPriceNote?: string;
  otherCreditPrices?: readonly AlternativeCreditPrice[];
  packs?: readonly TemplatePack[];
  perUserAlternatives?: readonly PerUserAlternative[];
  includedAllotments?: readonly TemplateAllotment[];
}
