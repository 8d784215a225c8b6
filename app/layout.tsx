import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Renewal Workbench", template: "%s · Renewal Workbench" },
  description: "Negotiate renewals of consumption-priced AI agents with exact numbers.",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
