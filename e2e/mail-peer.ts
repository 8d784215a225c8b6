// A local mail peer for the end-to-end tests: an SMTP server the app sends to (SMTP_URL), and an
// HTTP endpoint the tests read the received mail from. No outside service is reached.
import { createServer } from "node:http";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const smtpPort = Number(process.env.MAIL_SMTP_PORT ?? 3103);
const httpPort = Number(process.env.MAIL_HTTP_PORT ?? 3102);
const inbox: { to: string; subject: string; text: string; at: number }[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  onData(stream, _session, done) {
    simpleParser(stream)
      .then((m) => {
        inbox.push({ to: (Array.isArray(m.to) ? m.to[0] : m.to)?.text ?? "", subject: m.subject ?? "", text: m.text ?? "", at: Date.now() });
        done();
      })
      .catch(done);
  },
});
smtp.listen(smtpPort, "127.0.0.1");

// GET /mail?to=<address> → the mails to that address, oldest first, as JSON.
createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://localhost:${httpPort}`);
  const to = url.searchParams.get("to")?.toLowerCase();
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify(inbox.filter((m) => !to || m.to.toLowerCase() === to)));
}).listen(httpPort, "127.0.0.1", () => console.log(`mail peer: SMTP on ${smtpPort}, inbox on http://localhost:${httpPort}/mail`));
