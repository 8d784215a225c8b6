import { PageLoading } from "@/components/ui/loading";

// This loading boundary wraps the overview only (the route group keeps it off the tabs, which have
// their own): a boundary above scenarios/[scenarioId] would make Next stream that page before the
// scenario is looked up, so a scenario that does not exist could only answer 200, not 404.
export default function Loading() {
  return <PageLoading label="Computing the figures…" blocks={3} />;
}
