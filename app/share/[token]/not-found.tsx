export default function SharedBriefNotFound() {
  return (
    <main id="main" tabIndex={-1} className="focus:outline-none mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="text-xl font-semibold text-slate-900">This link is not available</h1>
      <p className="mt-2 text-sm text-slate-600" data-testid="share-unavailable">
        It has expired, was revoked, or never existed. Ask the person who sent it for a new one.
      </p>
    </main>
  );
}
