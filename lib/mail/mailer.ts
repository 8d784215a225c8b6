// Outgoing e-mail. With SMTP_URL (e.g. smtp://user:pass@mail.example.com:587) messages go out
// through nodemailer; without it the console mailer prints them on the server's output, which is
// meant for trying the app on one machine, never for production (start.ts says so at start).
import nodemailer, { type Transporter } from "nodemailer";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** extra headers, e.g. List-Unsubscribe */
  headers?: Record<string, string>;
}

export const MAIL_FROM = () => process.env.MAIL_FROM ?? "Renewal Workbench <no-reply@localhost>";

let transport: { url: string; t: Transporter } | undefined;
function smtp(url: string): Transporter {
  if (transport?.url !== url) transport = { url, t: nodemailer.createTransport(url) };
  return transport.t;
}

/** Whether e-mail leaves the machine (SMTP_URL set) or is printed by the console mailer. */
export const mailMode = (): "smtp" | "console" => (process.env.SMTP_URL ? "smtp" : "console");

/**
 * Sends one message. Never throws: a mail server that is down must not change what the person
 * sees (a reset request answers the same whether or not the address exists or the mail left);
 * the failure is logged without the message body, which may hold a one-time link.
 */
export async function sendMail(mail: Mail): Promise<boolean> {
  const url = process.env.SMTP_URL;
  if (!url) {
    console.info(`[mail] (console mailer: no SMTP_URL) to ${mail.to}\nSubject: ${mail.subject}\n\n${mail.text}\n[/mail]`);
    return true;
  }
  try {
    await smtp(url).sendMail({ from: MAIL_FROM(), to: mail.to, subject: mail.subject, text: mail.text, ...(mail.headers ? { headers: mail.headers } : {}) });
    return true;
  } catch (e) {
    console.error(`[mail] could not send "${mail.subject}" to ${mail.to}: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}

/** The public address of the app, for links in e-mail: configured, never taken from a request's Host. */
export function appUrl(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/$/, "");
}
