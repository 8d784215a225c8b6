// A local SMTP server for tests: the app's mailer sends to it through SMTP_URL, tests read the inbox.
import type { AddressInfo } from "node:net";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

export async function startMailPeer(appUrl = "https://workbench.example.test") {
  const inbox: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => {
          inbox.push({ to: (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? "", subject: m.subject ?? "", text: m.text ?? "" });
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const before = { smtp: process.env.SMTP_URL, app: process.env.NEXTAUTH_URL };
  process.env.SMTP_URL = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  process.env.NEXTAUTH_URL = appUrl;
  const escaped = appUrl.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return {
    inbox,
    /** the first mail to `email` (waits up to 5 s: mail is sent without blocking the request) */
    async mailTo(email: string, subject?: string): Promise<ReceivedMail> {
      for (let i = 0; i < 100; i++) {
        const m = inbox.find((x) => x.to === email && (subject === undefined || x.subject === subject));
        if (m) return m;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no mail reached ${email}`);
    },
    /** the token of the app's `/<path>/<token>` link in a mail */
    token(text: string, path: "reset" | "verify"): string {
      const m = new RegExp(`${escaped}/${path}/([A-Za-z0-9_-]+)`).exec(text);
      if (!m) throw new Error(`no /${path}/ link in: ${text}`);
      return m[1]!;
    },
    async close() {
      process.env.SMTP_URL = before.smtp;
      if (before.smtp === undefined) delete process.env.SMTP_URL;
      if (before.app === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = before.app;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
