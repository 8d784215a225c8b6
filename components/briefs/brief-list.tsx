import Link from "next/link";
import { day } from "@/lib/brief/format";
import { ScrollRegion } from "@/components/ui/scroll-region";

export interface BriefListRow {
  id: string;
  title: string;
  contractName: string;
  vendorName: string;
  latestVersion: number;
  updatedAt: Date;
}

export function BriefList({ workspaceId, briefs, showContract }: { workspaceId: string; briefs: BriefListRow[]; showContract: boolean }) {
  return (
    <ScrollRegion>
      <table className="w-full text-left text-sm">
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Brief</th>
            {showContract && <th scope="col" className="py-2 pr-4 font-medium">Contract</th>}
            <th scope="col" className="py-2 pr-4 font-medium">Vendor</th>
            <th scope="col" className="py-2 pr-4 text-right font-medium">Versions</th>
            <th scope="col" className="py-2 font-medium">Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {briefs.map((b) => (
            <tr key={b.id}>
              <td className="py-2 pr-4">
                <Link href={`/w/${workspaceId}/briefs/${b.id}`} className="font-medium text-indigo-700 hover:underline">
                  {b.title}
                </Link>
              </td>
              {showContract && <td className="py-2 pr-4 text-slate-700">{b.contractName}</td>}
              <td className="py-2 pr-4 text-slate-700">{b.vendorName}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{b.latestVersion}</td>
              <td className="py-2 text-slate-600">{day(b.updatedAt.toISOString().slice(0, 10))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}
