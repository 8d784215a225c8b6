import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Renewal Workbench", template: "%s · Renewal Workbench" },
  description: "Negotiate renewals of consumption-priced AI agents with exact numbers.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">
        {/* the first stop of the Tab key on every page: past the header and the navigation */}
        <a href="#main" className="absolute left-2 top-2 z-50 -translate-y-[200%] rounded-md bg-white px-4 py-2 text-sm font-medium text-indigo-700 shadow-md ring-1 ring-slate-300 focus:translate-y-0">
          Skip to main content
        </a>
        {children}
      </body>
    </html>
  );
}
