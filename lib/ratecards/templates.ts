// Built-in rate card templates: one dated version per vendor card, each figure with the public page
// it came from. Vendors change these cards often, so a template is never edited in place: a new
// version of a card is added beside the old one with the same `family` and a later
// `effectiveFrom` (and the old one gets an `effectiveTo`). docs/rate-card-templates.md lists every
// figure with its source and what is unpublished.
import type { z } from "zod";
import type { RateCardVersionDoc } from "@/lib/engine/model/schema";
import type { IsoDate } from "@/lib/engine/types";
import type { RateCardTemplate, TemplateSource, TemplateUnit } from "@/lib/ratecards/types";

/** When the sources below were consulted (a source read on another day says so itself). */
export const TEMPLATES_RETRIEVED: IsoDate = "2026-11-22";

function src(s: Omit<TemplateSource, "retrieved"> & { retrieved?: IsoDate }): TemplateSource {
  return { ...s, retrieved: s.retrieved ?? TEMPLATES_RETRIEVED };
}

// ─── Salesforce ──────────────────────────────────────────────────────────────────────────

const SALESFORCE_PRICING = src({
  id: "salesforce-pricing",
  url: "https://www.salesforce.com/agentforce/pricing/",
  title: "Agentforce pricing",
  publisher: "Salesforce",
  kind: "vendor",
  version: "as read on 2026-10-07 by the transcription below",
  access: "restated",
  note: "Not readable here; its figures are quoted verbatim by the API Evangelist transcription.",
});

const SALESFORCE_PRICING_TRANSCRIPTION = src({
  id: "api-evangelist-agentforce-pricing",
  url: "https://raw.githubusercontent.com/api-evangelist/cquotient/refs/heads/main/plans/cquotient-plans-pricing.yml",
  title: "Salesforce Agentforce pricing page, transcribed (API Evangelist plans file)",
  publisher: "API Evangelist",
  kind: "third-party",
  version: "page read 2026-10-07; every price text checked verbatim against the fetched page",
  access: "direct",
});

const SALESFORCE_HELP_USAGE = src({
  id: "salesforce-help-flex-usage",
  url: "https://help.salesforce.com/s/articleView?id=ai.usage_flex_credits.htm&language=en_US&type=5",
  title: "Flex Credits Billable Usage Types",
  publisher: "Salesforce",
  kind: "vendor",
  access: "direct",
  note: "Only the opening of the page was readable: what is billed as an action, not the table of credit values.",
});

const SALESFORCE_SEED = src({
  id: "redress-agentforce-flex-credits",
  url: "https://www.redresscompliance.com/salesforce-agentforce-flex-credits-budget-control.html",
  title: "Salesforce Agentforce Flex Credits: Budget Control",
  publisher: "Redress Compliance",
  kind: "third-party",
  version: "undated (describes Flex Credits as introduced in May 2025)",
  access: "direct",
  note: "The project's seed article (seeds/000_79b64a781773a295.txt). Its copy carries no title; the title is taken from the URL.",
});

const AQUIVA_FLEX_LAUNCH = src({
  id: "aquiva-flex-launch",
  url: "https://ai.aquivalabs.com/blog/agentforce-pricing-gets-a-long-overdue-fix-flex-credits-are-now-live",
  title: "Salesforce Agentforce Pricing Update (Q3 2025): Flex Credits, Agreements, and Editions",
  publisher: "Aquiva Labs",
  kind: "third-party",
  version: "Last Updated: Q3 2025",
  access: "direct",
});

const SALESFORCE_2025_05: RateCardTemplate = {
  id: "salesforce-agentforce-flex-credits-2025-05-15",
  family: "salesforce-agentforce-flex-credits",
  vendor: "Salesforce",
  product: "Agentforce (Flex Credits)",
  currency: "USD",
  effectiveFrom: "2025-05-15",
  source: SALESFORCE_PRICING,
  otherSources: [SALESFORCE_PRICING_TRANSCRIPTION, SALESFORCE_HELP_USAGE, SALESFORCE_SEED, AQUIVA_FLEX_LAUNCH],
  notes: [
    "Dated 15 May 2025, the day Salesforce announced Flex Credits (Aquiva Labs; the seed article says only 'May 2025'). The figures are unchanged on the vendor's pricing page as read on 2026-10-07.",
    "The seed article's 'one credit costs $0.10, 20 credits = $2' contradicts its own pack and the vendor's page: $500 buys 100,000 credits, so a credit is $0.005 and a 20-credit action $0.10. The vendor's figure is used.",
    "Agent actions are billed when they run; utilities (escalation to a representative, setting variables, topic transitions) are not billed as actions (Salesforce Help).",
    "Not carried as figures: the $2-per-conversation model (a separate way of buying Agentforce for customer-facing agents), the per-action token allowance (third parties cite 10,000 tokens per action before more credits apply) and the discounted sandbox rate (third parties cite 16 credits per sandbox action, i.e. a non-production multiplier of 0.8; Salesforce's own value was not readable).",
    "The vendor's pricing page states no overage penalty: usage beyond the entitlement is billed at the contracted rate, monthly in arrears (as transcribed 2026-10-07).",
  ],
  units: [
    {
      id: "action",
      name: "Agentforce action",
      creditsPerUnit: "20",
      sources: ["salesforce-pricing", "api-evangelist-agentforce-pricing", "redress-agentforce-flex-credits"],
      note: "Standard and custom actions alike ('Agentforce actions are 20 Flex Credits').",
    },
    {
      id: "voice-action",
      name: "Agentforce Voice action",
      creditsPerUnit: "30",
      sources: ["salesforce-pricing", "api-evangelist-agentforce-pricing"],
    },
  ],
  creditPrice: { kind: "pack", packPrice: "500", packCredits: "100000" },
  creditPriceSources: ["salesforce-pricing", "api-evangelist-agentforce-pricing", "redress-agentforce-flex-credits", "aquiva-flex-launch"],
  creditPriceNote: "$500 per 100,000 credits: $0.005 per credit, $0.10 per 20-credit action.",
  packs: [
    { name: "Flex Credits pack, $500", price: "500", credits: "100000", sources: ["salesforce-pricing", "redress-agentforce-flex-credits"] },
    {
      name: "Flex Credits pack, $1,000",
      price: "1000",
      credits: "200000",
      sources: ["redress-agentforce-flex-credits"],
      note: "The seed names the $1,000 denomination only; its credits are derived at the $500 = 100,000 rate.",
    },
    {
      name: "Flex Credits pack, $2,500",
      price: "2500",
      credits: "500000",
      sources: ["redress-agentforce-flex-credits"],
      note: "The seed names the $2,500 denomination only; its credits are derived at the $500 = 100,000 rate.",
    },
  ],
  perUserAlternatives: [
    {
      name: "Agentforce add-on (unmetered Agentforce use for employees)",
      pricePerUserPerMonth: "125",
      sources: ["salesforce-pricing", "api-evangelist-agentforce-pricing", "redress-agentforce-flex-credits"],
    },
    {
      name: "Agentforce 1 Edition",
      pricePerUserPerMonth: "550",
      sources: ["salesforce-pricing", "api-evangelist-agentforce-pricing", "redress-agentforce-flex-credits"],
      note: "A 'from' price. The pricing page as transcribed on 2026-10-07 lists it as 'Agentforce Max Editions, from $550 user / month'; Salesforce Help still says 'Agentforce 1 Edition'.",
    },
  ],
  includedAllotments: [
    {
      name: "Agentforce 1 Edition: Flex Credits per org",
      credits: "2750000",
      per: "year",
      sources: ["salesforce-pricing", "api-evangelist-agentforce-pricing"],
      note: "'2.75M Flex Credits per org per year', as transcribed on 2026-10-07.",
    },
  ],
};

// ─── Workday ─────────────────────────────────────────────────────────────────────────────

const WORKDAY_SEED = src({
  id: "redress-workday-pillar",
  url: "https://redresscompliance.com/workday-flex-credits-licensing-pillar-2026",
  title: "Workday Flex Credits. The 2026 pillar.",
  publisher: "Redress Compliance",
  kind: "third-party",
  version: "2026 edition, undated (cites events up to November 2025)",
  access: "direct",
  note: "The project's seed article (seeds/004_ca4cd7ae4e8c0b58.txt).",
});

const WORKDAY_VENDOR = src({
  id: "workday-flex-credits",
  url: "https://www.workday.com/en-us/artificial-intelligence/ai-flex-credits.html",
  title: "Workday Flex Credits",
  publisher: "Workday",
  kind: "vendor",
  version: "undated",
  access: "direct",
  note: "Describes the model (complimentary credits, annual subscription draw-down, free non-production testing); publishes no credit values and no price.",
});

const COMMIT_WORKDAY = src({
  id: "commit-workday-flex",
  url: "https://commitconsulting.com/blog/workday-flex-credits",
  title: "Workday Flex Credits: What We Know So Far",
  publisher: "Commit Consulting",
  kind: "third-party",
  access: "direct",
});

const WORKDAY_2026_01: RateCardTemplate = {
  id: "workday-flex-credits-2026-01-01",
  family: "workday-flex-credits",
  vendor: "Workday",
  product: "Flex Credits (Illuminate and Sana agents)",
  currency: "USD",
  effectiveFrom: "2026-01-01",
  source: WORKDAY_SEED,
  otherSources: [WORKDAY_VENDOR, COMMIT_WORKDAY],
  notes: [
    "Workday publishes no rate card values itself; the values are the seed article's 'illustrative' credits per action. Rate card values for the same named skill differed across the contracts its authors reviewed: take the values from your own order form.",
    "Approximate values: retrieval is 'about 1' and autonomous task completion 'about 5' credits per action in the source (≈1, ≈5).",
    "Dated 1 January 2026: the seed is the '2026' edition and gives no publication date; existing customers could add the Flex Credit & Platform Entitlement Policy from Q1 2026 (Commit Consulting).",
    "Testing in non-production is free (Workday): a non-production environment multiplier of 0 matches the vendor's description.",
  ],
  units: [
    {
      id: "retrieval",
      name: "Retrieval (e.g. Self Service Agent answers a policy question)",
      creditsPerUnit: "1",
      approximate: true,
      sources: ["redress-workday-pillar"],
      note: "Approximate: 'about 1 credit per action' (≈1).",
    },
    {
      id: "guided-draft",
      name: "Guided task (agent drafts a document for review)",
      creditsPerUnit: "2",
      sources: ["redress-workday-pillar"],
      note: "The source's worked example uses 2; its table of skill types gives '2 to 3'.",
    },
    {
      id: "autonomous-completion",
      name: "Autonomous task completion (agent completes a task end to end)",
      creditsPerUnit: "5",
      approximate: true,
      sources: ["redress-workday-pillar"],
      note: "Approximate: 'about 5 credits per action' (≈5).",
    },
    {
      id: "industry-skill",
      name: "Industry skill (purpose-built agent runs a domain workflow)",
      unpublished: true,
      sources: ["redress-workday-pillar"],
      note: "'Varies by rate card': enter the value from your order form.",
    },
  ],
  creditPrice: { kind: "unknown" },
  creditPriceSources: ["redress-workday-pillar", "workday-flex-credits"],
  creditPriceNote:
    "Unpublished: Workday has no universal price per credit; the conversion is in each customer's order form. Enter your contract's price, or leave it unpinned (money figures then stay blank).",
  includedAllotments: [
    {
      name: "Complimentary Flex Credits, sized by company headcount",
      unpublished: true,
      per: "year",
      sources: ["redress-workday-pillar", "workday-flex-credits"],
      note: "Every subscription includes an annual complimentary allotment; its size is not published.",
    },
  ],
};

// ─── Microsoft ───────────────────────────────────────────────────────────────────────────

const MS_BILLING_RATES = src({
  id: "ms-learn-billing-rates",
  url: "https://learn.microsoft.com/en-us/microsoft-copilot-studio/requirements-messages-management",
  title: "Billing rates and management (Microsoft Copilot Studio)",
  publisher: "Microsoft",
  kind: "vendor",
  version: "'Copilot Credits billing rates' table including content processing tools; revision date not shown in the copy read",
  access: "mirror",
});

const MS_PRICING = src({
  id: "ms-copilot-studio-pricing",
  url: "https://www.microsoft.com/en-us/microsoft-365-copilot/pricing/copilot-studio",
  title: "Microsoft Copilot Studio pricing",
  publisher: "Microsoft",
  kind: "vendor",
  access: "restated",
  note: "Not readable here; its pack and pay-as-you-go prices are quoted with this page and the licensing guidance as source by several third parties.",
});

const MS_LICENSING = src({
  id: "ms-copilot-studio-licensing",
  url: "https://www.microsoft.com/licensing/guidance/microsoft-copilot-studio",
  title: "Microsoft Copilot Studio licensing guidance",
  publisher: "Microsoft",
  kind: "vendor",
  access: "restated",
  note: "Quoted by third parties: 25,000 Copilot Credits per pack per month at $200, billed annually, unused credits do not roll over; pay-as-you-go $0.01 per credit.",
});

const MS_CAPACITY_PACKS = src({
  id: "ms-learn-capacity-packs",
  url: "https://learn.microsoft.com/en-us/copilot/microsoft-365/pay-as-you-go/copilot-capacity-packs",
  title: "Use Copilot Studio prepaid capacity packs for Microsoft 365 Copilot Chat and SharePoint agents",
  publisher: "Microsoft",
  kind: "vendor",
  access: "mirror",
  note: "States 25,000 Copilot Credits per month per pack; no price.",
});

const MS_AI_TOOLS = src({
  id: "ms-learn-ai-tools-credits",
  url: "https://learn.microsoft.com/en-us/ai-builder/message-management",
  title: "Licensing and Copilot Credits (AI Builder in Copilot Studio)",
  publisher: "Microsoft",
  kind: "vendor",
  access: "mirror",
  note: "Per-unit rates of the AI tools: 0.1, 1.5 and 10 credits per response (1 response = 1K tokens, 1K characters or 1 page, by capability); 8 per page of content processing.",
});

const FORCEWAKE_BLUEPRINT = src({
  id: "forcewake-credits-blueprint",
  url: "https://forcewake.me/copilot-studio-credits-blueprint/",
  title: "Copilot Studio Credits Blueprint: Design, Forecast, Buy, and Govern Without Surprises",
  publisher: "forcewake.me",
  kind: "third-party",
  access: "direct",
  note: "Quotes Microsoft: the change from messages to Copilot Credits started on 1 September 2025 with no change to prepaid pack quantity or pay-as-you-go rate.",
});

const MICROSOFT_2025_09: RateCardTemplate = {
  id: "microsoft-copilot-studio-credits-2025-09-01",
  family: "microsoft-copilot-studio-credits",
  vendor: "Microsoft",
  product: "Copilot Studio (Copilot Credits, formerly messages)",
  currency: "USD",
  effectiveFrom: "2025-09-01",
  source: MS_BILLING_RATES,
  otherSources: [MS_PRICING, MS_LICENSING, MS_CAPACITY_PACKS, MS_AI_TOOLS, FORCEWAKE_BLUEPRINT],
  notes: [
    "Dated 1 September 2025, when 'messages' became 'Copilot Credits' with the same quantities and prices. The rates for answers, actions, grounding, flows and AI tools are those the page already listed in 'messages'.",
    "Usage by users licensed for Microsoft 365 Copilot, under their own identity, is not charged (employee-facing agents, subject to fair-use limits): model it as demand outside the card.",
    "Reasoning models add the premium AI tools rate on top of the feature's own rate.",
    "Not carried as figures: voice minutes, image and other per-minute or per-item meters not in the billing-rates table read, and the discounts of the Copilot Credit Pre-Purchase Plan (P3), which Microsoft does not list as a fixed rate.",
  ],
  units: [
    { id: "classic-answer", name: "Classic answer", creditsPerUnit: "1", sources: ["ms-learn-billing-rates"] },
    { id: "generative-answer", name: "Generative answer", creditsPerUnit: "2", sources: ["ms-learn-billing-rates"] },
    { id: "agent-action", name: "Agent action (triggers, deep reasoning, topic transitions, computer use)", creditsPerUnit: "5", sources: ["ms-learn-billing-rates"] },
    { id: "tenant-graph-grounding", name: "Tenant graph grounding (per message)", creditsPerUnit: "10", sources: ["ms-learn-billing-rates"] },
    {
      id: "agent-flow-action",
      name: "Agent flow action",
      creditsPerUnit: "0.13",
      sources: ["ms-learn-billing-rates"],
      note: "Published as 13 Copilot Credits per 100 flow actions.",
    },
    {
      id: "ai-tools-basic",
      name: "Text and generative AI tools, basic (per response)",
      creditsPerUnit: "0.1",
      sources: ["ms-learn-billing-rates", "ms-learn-ai-tools-credits"],
      note: "Published as 1 Copilot Credit per 10 responses.",
    },
    {
      id: "ai-tools-standard",
      name: "Text and generative AI tools, standard (per response)",
      creditsPerUnit: "1.5",
      sources: ["ms-learn-billing-rates", "ms-learn-ai-tools-credits"],
      note: "Published as 15 Copilot Credits per 10 responses.",
    },
    {
      id: "ai-tools-premium",
      name: "Text and generative AI tools, premium (per response)",
      creditsPerUnit: "10",
      sources: ["ms-learn-billing-rates", "ms-learn-ai-tools-credits"],
      note: "Published as 100 Copilot Credits per 10 responses.",
    },
    {
      id: "content-processing-page",
      name: "Content processing tools (per page)",
      creditsPerUnit: "8",
      sources: ["ms-learn-billing-rates", "ms-learn-ai-tools-credits"],
    },
  ],
  creditPrice: { kind: "pack", packPrice: "200", packCredits: "25000" },
  creditPriceSources: ["ms-copilot-studio-pricing", "ms-copilot-studio-licensing", "ms-learn-capacity-packs"],
  creditPriceNote: "Prepaid Copilot Credit pack: $200 a month for 25,000 credits ($0.008 per credit), billed annually; unused credits do not roll over.",
  otherCreditPrices: [
    {
      label: "Pay-as-you-go meter (Azure subscription)",
      creditPrice: { kind: "direct", pricePerCredit: "0.01" },
      sources: ["ms-copilot-studio-pricing", "ms-copilot-studio-licensing"],
      note: "Also what usage beyond prepaid capacity costs when a pay-as-you-go policy is attached.",
    },
  ],
  packs: [
    {
      name: "Copilot Credit pack (per month)",
      price: "200",
      credits: "25000",
      sources: ["ms-copilot-studio-pricing", "ms-copilot-studio-licensing", "ms-learn-capacity-packs"],
    },
  ],
};

// ─── ServiceNow ──────────────────────────────────────────────────────────────────────────

const SN_ASSIST_OVERVIEW = src({
  id: "servicenow-assist-overview",
  url: "https://product.jace.pro/entitlement-schedules/sn-assist-overview",
  title: "Now Assist Overview (ServiceNow entitlement schedule)",
  publisher: "ServiceNow",
  kind: "vendor",
  version: "Effective September 10, 2025",
  access: "mirror",
  note: "A copy of ServiceNow's PDF. The copy read holds the definition of an assist but not its section 2.1 table of skill actions and assists counted.",
});

const SN_KB_AGENT_ASSISTS = src({
  id: "servicenow-kb3040776",
  url: "https://support.servicenow.com/kb?id=kb_article_view&sysparm_article=KB3040776",
  title: "How to identify which skills a certain AI agent is using and how many assists it will consume?",
  publisher: "ServiceNow",
  kind: "vendor",
  access: "direct",
});

const NOWAI_ASSISTS = src({
  id: "nowai-assists",
  url: "https://nowai.dev/blog/assists",
  title: "What's a ServiceNow 'Assist'? A Quick Guide.",
  publisher: "nowai.dev",
  kind: "third-party",
  access: "direct",
});

const TEIVA_ASSISTS = src({
  id: "teiva-assists",
  url: "https://teivasystems.com/?p=14531",
  title: "How Now Assist consumption works",
  publisher: "Teiva Systems",
  kind: "third-party",
  access: "direct",
  note: "The stored copy carries no title; the title is a description.",
});

const SERVICENOW_RESTATED = "Restated by third parties from section 2.1 of ServiceNow's Now Assist Overview; check it against the current schedule before relying on it.";

const SERVICENOW_2025_09: RateCardTemplate = {
  id: "servicenow-now-assist-assists-2025-09-10",
  family: "servicenow-now-assist-assists",
  vendor: "ServiceNow",
  product: "Now Assist (assists)",
  currency: "USD",
  effectiveFrom: "2025-09-10",
  source: SN_ASSIST_OVERVIEW,
  otherSources: [SN_KB_AGENT_ASSISTS, NOWAI_ASSISTS, TEIVA_ASSISTS],
  notes: [
    "An assist is ServiceNow's unit of Now Assist usage, counted per skill action; the total is set by the contract and pooled at the account level. All use of Now Assist skills consumes assists, even by users without a licensed seat (Now Assist Overview).",
    "The assists per skill action below come from two third-party restatements of the schedule's table, which agree with each other; the vendor's table itself was not readable. Treat them as the published values to confirm, not as verified.",
    "AI agents have no fixed cost: consumption is measured on execution, from the skills and actions the agentic workflow actually runs (ServiceNow KB3040776).",
    "Sub-production instances draw on the same pool as production (third parties): usage there is billed at the same rate.",
    "ServiceNow's 2026 packaging (Now Assist bundled into Foundation, Advanced and Prime tiers with a pool per tier) is described by third parties only; add it as a later version of this card once its schedule is available.",
  ],
  units: [
    {
      id: "skill-action",
      name: "Single generative skill action (e.g. incident or case summary, resolution notes, AI Search answer)",
      creditsPerUnit: "1",
      sources: ["nowai-assists", "teiva-assists"],
      note: SERVICENOW_RESTATED,
    },
    {
      id: "multi-turn-generation",
      name: "Multi-turn generation (e.g. an agile story from a conversation)",
      creditsPerUnit: "5",
      sources: ["nowai-assists"],
      note: SERVICENOW_RESTATED,
    },
    {
      id: "multi-turn-conversation",
      name: "Multi-turn conversation or document Q&A (e.g. Virtual Agent catalog ordering)",
      creditsPerUnit: "10",
      sources: ["nowai-assists", "teiva-assists"],
      note: SERVICENOW_RESTATED,
    },
    {
      id: "agentic-workflow-simple",
      name: "Agentic workflow, simple",
      creditsPerUnit: "25",
      sources: ["nowai-assists", "teiva-assists"],
      note: SERVICENOW_RESTATED,
    },
    {
      id: "agentic-workflow-complex",
      name: "Agentic workflow, complex (e.g. major incident)",
      creditsPerUnit: "150",
      sources: ["nowai-assists", "teiva-assists"],
      note: SERVICENOW_RESTATED,
    },
    {
      id: "app-generation",
      name: "Application or experience generation",
      unpublished: true,
      sources: ["nowai-assists"],
      note: "Said to consume 'a significant number' of assists; no value was found. Enter the schedule's value.",
    },
  ],
  creditPrice: { kind: "unknown" },
  creditPriceSources: ["servicenow-assist-overview"],
  creditPriceNote: "Unpublished: ServiceNow publishes no price per assist or per assist pack; the number of assists and their price are in the customer's contract.",
  includedAllotments: [
    {
      name: "Assists included in the Now Assist subscription (pooled per account)",
      unpublished: true,
      per: "year",
      sources: ["servicenow-assist-overview"],
      note: "Defined by each customer's contract.",
    },
  ],
};

// ─── HubSpot ─────────────────────────────────────────────────────────────────────────────

const HUBSPOT_CATALOG = src({
  id: "hubspot-catalog",
  url: "https://legal.hubspot.com/hubspot-product-and-services-catalog",
  title: "HubSpot Product & Services Catalog",
  publisher: "HubSpot",
  kind: "vendor",
  access: "restated",
  note: "Where HubSpot publishes the credits each action consumes (per its knowledge base); not readable here. Its figures are known from third parties quoting it.",
});

const HUBSPOT_KB = src({
  id: "hubspot-kb-credits",
  url: "https://knowledge.hubspot.com/account-management/understand-hubspot-credits-and-billing",
  title: "Understand HubSpot Credits and billing",
  publisher: "HubSpot",
  kind: "vendor",
  version: "Last updated: February 13, 2026",
  access: "direct",
  note: "Only parts of the page were readable: overage settings (usage pauses without purchased packs; auto-upgrade or pay-as-you-go overage) and the pointer to the catalog for rates.",
});

const HUBSPOT_KB_2025 = src({
  id: "hubspot-kb-credits-2025",
  url: "https://knowledge.hubspot.com/account-management/understand-breeze-intelligence-credits-and-billing",
  title: "Understand HubSpot Credits and billing",
  publisher: "HubSpot",
  kind: "vendor",
  version: "Last updated: September 5, 2025",
  access: "direct",
  note: "Earlier version of the knowledge-base article: included credits depend on the highest edition and are not additive; rates are in the catalog.",
});

const RESOLVE247 = src({
  id: "resolve247-breeze-change",
  url: "https://resolve247.ai/blog/hubspot-breeze-pricing-change/",
  title: "HubSpot Breeze pricing change",
  publisher: "Resolve247",
  kind: "third-party",
  access: "direct",
  note: "Table of credits per action before and after 14 April 2026. The stored copy carries no title; the title is a description.",
});

const MUE_BREEZE = src({
  id: "mue-breeze-outcome-pricing",
  url: "https://agent.mue.app/news/hubspot-breeze-ai-outcome-based-credit-pricing",
  title: "HubSpot now bills its Breeze AI agents by the resolved conversation, and the included credits run out fast",
  publisher: "mue",
  kind: "third-party",
  access: "direct",
});

const NEROVA_CUSTOMER_AGENT = src({
  id: "nerova-customer-agent",
  url: "https://nerova.ai/costs-roi/hubspot-breeze-customer-agent-pricing-explained-2026",
  title: "HubSpot Breeze Customer Agent pricing explained (2026)",
  publisher: "Nerova",
  kind: "third-party",
  access: "direct",
  note: "Cites HubSpot's product catalog. The stored copy carries no title; the title is taken from the URL.",
});

const CATMEDIA_CREDITS = src({
  id: "catmedia-hubspot-credits",
  url: "https://blog.catmedia.ie/what-are-hubspot-credits-a-simple-guide-for-users",
  title: "What Are HubSpot Credits? A Simple Guide for Users",
  publisher: "Cat Media",
  kind: "third-party",
  access: "direct",
});

const PLUSYOURBUSINESS_FAQ = src({
  id: "plusyourbusiness-faq",
  url: "https://blog.plusyourbusiness.com/hubspot-customer-agent-pricing-credits-faqs",
  title: "HubSpot AI Customer Agent Credits and Pricing FAQs",
  publisher: "Plus Your Business",
  kind: "third-party",
  access: "direct",
});

const CIXON_CREDITS = src({
  id: "cixon-hubspot-credits",
  url: "https://cixon.de/en/knowledge/hubspot/credits",
  title: "HubSpot credits: Are they really worth it? | Prices, use cases, tips",
  publisher: "cixon",
  kind: "third-party",
  access: "direct",
  note: "Gives EUR pack prices (5,000 credits for €45 a month, 100,000 for €540) that disagree with $10 per 1,000.",
});

const HUBSPOT_INCLUDED = [
  {
    name: "Included credits, Starter edition",
    credits: "500",
    per: "month",
    sources: ["catmedia-hubspot-credits", "mue-breeze-outcome-pricing", "resolve247-breeze-change"],
    note: "By the highest edition held, not additive across Hubs; unused credits do not roll over.",
  },
  {
    name: "Included credits, Professional edition",
    credits: "3000",
    per: "month",
    sources: ["catmedia-hubspot-credits", "mue-breeze-outcome-pricing", "resolve247-breeze-change"],
    note: "Data Hub or Customer Platform Professional: 5,000 (third parties).",
  },
  {
    name: "Included credits, Enterprise edition",
    credits: "5000",
    per: "month",
    sources: ["catmedia-hubspot-credits", "mue-breeze-outcome-pricing", "resolve247-breeze-change"],
    note: "Data Hub or Customer Platform Enterprise: 10,000 (third parties).",
  },
] as const;

const HUBSPOT_PRICE_NOTE =
  "$10 per 1,000 credits ($0.01 per credit): the price of additional capacity in 1,000-credit steps and the pay-as-you-go overage rate, as third parties quote HubSpot's catalog. Volume pack prices are not carried: third parties disagree ($10 per 1,000 versus €45 for 5,000 and €540 for 100,000) and the vendor's catalog could not be read.";

const HUBSPOT_COMMON_NOTES = [
  "HubSpot's own pages say the rates are in its Product & Services Catalog, which could not be read; every credit value here is as third parties quote that catalog, and they agree with each other.",
  "Without purchased capacity packs, usage-based features pause when the included credits run out; with packs, HubSpot auto-upgrades to the next pack for the rest of the term unless pay-as-you-go overage is chosen (HubSpot knowledge base).",
  "Included credits reset monthly and do not roll over.",
];

const HUBSPOT_2025_06: RateCardTemplate = {
  id: "hubspot-credits-2025-06-02",
  family: "hubspot-credits",
  vendor: "HubSpot",
  product: "HubSpot Credits (Breeze agents)",
  currency: "USD",
  effectiveFrom: "2025-06-02",
  effectiveTo: "2026-04-14",
  source: HUBSPOT_CATALOG,
  otherSources: [HUBSPOT_KB_2025, CATMEDIA_CREDITS, PLUSYOURBUSINESS_FAQ, RESOLVE247, MUE_BREEZE, CIXON_CREDITS],
  notes: [
    "HubSpot Credits replaced Breeze Intelligence credits on 2 June 2025 (third parties). Replaced on 14 April 2026 by outcome-based rates for the Customer and Prospecting agents.",
    ...HUBSPOT_COMMON_NOTES,
  ],
  units: [
    {
      id: "customer-agent-conversation",
      name: "Customer Agent: one text-based conversation (resolved or not)",
      creditsPerUnit: "100",
      sources: ["catmedia-hubspot-credits", "plusyourbusiness-faq", "resolve247-breeze-change"],
    },
    {
      id: "prospecting-agent-contact",
      name: "Prospecting Agent: one monitored contact per month",
      creditsPerUnit: "100",
      sources: ["resolve247-breeze-change"],
    },
    {
      id: "prospecting-agent-research",
      name: "Prospecting Agent: one research task",
      creditsPerUnit: "10",
      sources: ["resolve247-breeze-change"],
    },
    { id: "data-agent-response", name: "Data Agent: one response", creditsPerUnit: "10", sources: ["resolve247-breeze-change"] },
  ],
  creditPrice: { kind: "direct", pricePerCredit: "0.01" },
  creditPriceSources: ["hubspot-catalog", "plusyourbusiness-faq", "resolve247-breeze-change"],
  creditPriceNote: HUBSPOT_PRICE_NOTE,
  includedAllotments: HUBSPOT_INCLUDED,
};

const HUBSPOT_2026_04: RateCardTemplate = {
  id: "hubspot-credits-2026-04-14",
  family: "hubspot-credits",
  vendor: "HubSpot",
  product: "HubSpot Credits (Breeze agents)",
  currency: "USD",
  effectiveFrom: "2026-04-14",
  source: HUBSPOT_CATALOG,
  otherSources: [HUBSPOT_KB, RESOLVE247, MUE_BREEZE, NEROVA_CUSTOMER_AGENT, CATMEDIA_CREDITS, CIXON_CREDITS],
  notes: [
    "Outcome-based rates from 14 April 2026 (announced 2 April), for new and existing customers alike, no grandfathering (third parties). The Customer Agent now bills only resolved conversations; the Prospecting Agent bills each lead it recommends for outreach, which is activity rather than a closed result.",
    ...HUBSPOT_COMMON_NOTES,
  ],
  units: [
    {
      id: "customer-agent-resolution",
      name: "Customer Agent: one resolved text-based conversation",
      creditsPerUnit: "50",
      sources: ["mue-breeze-outcome-pricing", "nerova-customer-agent", "resolve247-breeze-change"],
      note: "What counts as 'resolved' is HubSpot's definition; escalations to a person are not billed.",
    },
    {
      id: "prospecting-agent-lead",
      name: "Prospecting Agent: one lead recommended for outreach",
      creditsPerUnit: "100",
      sources: ["mue-breeze-outcome-pricing", "resolve247-breeze-change"],
    },
    {
      id: "prospecting-agent-research",
      name: "Prospecting Agent: one research task",
      creditsPerUnit: "10",
      sources: ["resolve247-breeze-change"],
      note: "Unchanged on 14 April 2026.",
    },
    {
      id: "data-agent-response",
      name: "Data Agent: one response",
      creditsPerUnit: "10",
      sources: ["resolve247-breeze-change"],
      note: "Unchanged on 14 April 2026.",
    },
  ],
  creditPrice: { kind: "direct", pricePerCredit: "0.01" },
  creditPriceSources: ["hubspot-catalog", "mue-breeze-outcome-pricing", "nerova-customer-agent", "resolve247-breeze-change"],
  creditPriceNote: HUBSPOT_PRICE_NOTE,
  includedAllotments: HUBSPOT_INCLUDED,
};

// ─── the list and its helpers ────────────────────────────────────────────────────────────

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function byFamilyThenDate(a: RateCardTemplate, b: RateCardTemplate): number {
  if (a.family !== b.family) return a.family < b.family ? -1 : 1;
  return a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0;
}

/** Every template, by family and then effective date; frozen, so a caller cannot alter the shared data. */
export const RATE_CARD_TEMPLATES: readonly RateCardTemplate[] = deepFreeze(
  [SALESFORCE_2025_05, WORKDAY_2026_01, MICROSOFT_2025_09, SERVICENOW_2025_09, HUBSPOT_2025_06, HUBSPOT_2026_04].sort(byFamilyThenDate),
);

export function listTemplates(): readonly RateCardTemplate[] {
  return RATE_CARD_TEMPLATES;
}

export function templateById(id: string): RateCardTemplate | undefined {
  return RATE_CARD_TEMPLATES.find((t) => t.id === id);
}

/** Family ids, in order. */
export function templateFamilies(): string[] {
  return [...new Set(RATE_CARD_TEMPLATES.map((t) => t.family))];
}

/**
 * The newest version of a family's card; with `asOf`, the version in effect on that date (the
 * latest whose effectiveFrom ≤ asOf, unless its effectiveTo has passed). Undefined when the family
 * is unknown or had no version yet.
 */
export function latestTemplate(family: string, asOf?: IsoDate): RateCardTemplate | undefined {
  let found: RateCardTemplate | undefined;
  for (const t of RATE_CARD_TEMPLATES) {
    if (t.family !== family) continue;
    if (asOf !== undefined && t.effectiveFrom > asOf) continue;
    if (!found || t.effectiveFrom > found.effectiveFrom) found = t;
  }
  if (found && asOf !== undefined && found.effectiveTo !== undefined && asOf >= found.effectiveTo) return undefined;
  return found;
}

export type RateCardVersionDocInput = z.input<typeof RateCardVersionDoc>;

/** One line naming where a template's figures come from, for the `source` of a rate card version. */
export function sourceLine(t: RateCardTemplate): string {
  const s = t.source;
  const version = s.version ? `; ${s.version}` : "";
  return `${s.publisher}, "${s.title}" <${s.url}>${version}; retrieved ${s.retrieved}; template ${t.id}`;
}

/** Units whose credits the vendor does not publish: the user must enter a value before using them. */
export function unpublishedUnits(t: RateCardTemplate): TemplateUnit[] {
  return t.units.filter((u) => u.unpublished === true);
}

/**
 * The template as a rate card version of the model document. Units without a published value are
 * left out (the document has no "unknown" credits); `unpublishedUnits` lists them for the user.
 */
export function toRateCardVersionDoc(t: RateCardTemplate): RateCardVersionDocInput {
  const units = t.units.flatMap((u) => (u.unpublished === true ? [] : [{ id: u.id, name: u.name, creditsPerUnit: u.creditsPerUnit }]));
  return {
    id: t.id,
    effectiveFrom: t.effectiveFrom,
    ...(t.effectiveTo !== undefined ? { effectiveTo: t.effectiveTo } : {}),
    source: sourceLine(t),
    units,
    creditPrice: { ...t.creditPrice },
  };
}
