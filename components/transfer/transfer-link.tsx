import Link from "next/link";

/** The way to the workspace's export / import page, from its settings. */
export function TransferLink({ workspaceId }: { workspaceId: string }) {
  return (
    <p className="text-sm">
      <Link href={`/w/${workspaceId}/transfer`} className="font-medium text-indigo-700 hover:underline">
        Export / import
      </Link>{" "}
      <span className="text-slate-500">this workspace as a file of the engine&apos;s model documents.</span>
    </p>
  );
}
