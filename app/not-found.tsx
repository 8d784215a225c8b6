import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-md px-4 py-24 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-slate-500">This page does not exist, or you do not have access to it.</p>
      <Link href="/w" className="mt-6 inline-block text-sm font-semibold text-indigo-600 hover:underline">
        Back to your workspaces
      </Link>
    </main>
  );
}
