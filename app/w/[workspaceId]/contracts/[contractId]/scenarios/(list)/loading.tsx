import { PageLoading } from "@/components/ui/loading";

// This loading boundary wraps the list page only (the route group keeps it off the pages of one
// item): a boundary above a page that looks an id up makes Next stream the page before the lookup,
// so an id that does not exist could only answer 200 with the not-found text instead of 404.
export default function Loading() {
  return <PageLoading label="Computing the figures…" blocks={3} />;
}
