import { PageLoading } from "@/components/ui/loading";

export default function Loading() {
  return <PageLoading label="Computing the figures…" blocks={3} />;
}
