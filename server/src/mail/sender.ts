import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Config } from '../config';
import type { Logger } from '../logger';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  /** The outbox id: it makes the Message-ID, so a mail sent twice (a crash after the send) is one message. */
  id: string;
}

/** Hands one rendered mail to the outside world. Never called inside a database transaction. */
export interface MailSender {
  send(mail: OutgoingMail): Promise<{ messageId: string; file?: string }>;
  close(): Promise<void>;
}

/** How long one SMTP exchange may take: well below the outbox worker's claim on the row. */
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

/**
 * SMTP through nodemailer when SMTP_URL is set; otherwise .eml files under <DATA_DIR>/mail/ (the embedded default:
 * nothing leaves the machine, yet every mail can be opened and read).
 */
export function createMailSender(config: Config, logger: Logger): MailSender {
  return config.smtpUrl
    ? createSmtpSender(config.smtpUrl, logger)
    : createFileSender(path.join(config.dataDir, 'mail'), logger);
}

/** An SMTP server given field by field (the back office's mail settings) rather than as SMTP_URL. */
export interface SmtpServer {
  host: string;
  port: number;
  /** starttls: upgrade after connecting, required; tls: TLS from the first byte; none: plain (a local relay). */
  security: 'starttls' | 'tls' | 'none';
  user: string | null;
  password: string | null;
}

/**
 * smtp://host:587 upgrades with STARTTLS (required on 587, taken when offered elsewhere), smtps://host:465 is TLS
 * from the first byte. Query parameters of the URL are nodemailer options and win over ours
 * (e.g. `?requireTLS=false`, `?tls.rejectUnauthorized=false` for a self-signed relay).
 */
export function createSmtpSender(target: string | SmtpServer, logger: Logger): MailSender {
  const options = typeof target === 'string' ? urlOptions(target) : serverOptions(target);
  const transport = nodemailer.createTransport({
    ...options,
    pool: true,
    maxConnections: 3,
    ...SMTP_TIMEOUTS,
    logger: false,
  });
  logger.info(
    { host: options.host, port: options.port, tls: options.secure ? 'tls' : 'starttls' },
    'mail: sending through SMTP',
  );
  return {
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      return { messageId: info.messageId };
    },
    async close() {
      transport.close();
    },
  };
}

function urlOptions(url: string) {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  const port = Number(parsed.port || (secure ? 465 : 587));
  return { url, host: parsed.hostname, port, secure, requireTLS: !secure && port === 587 };
}

function serverOptions(server: SmtpServer) {
  return {
    host: server.host,
    port: server.port,
    secure: server.security === 'tls',
    requireTLS: server.security === 'starttls',
    ignoreTLS: server.security === 'none',
    ...(server.user !== null && { auth: { user: server.user, pass: server.password ?? '' } }),
  };
}

/** Writes each mail as a complete .eml file (what an SMTP server would have received) and logs where. */
export function createFileSender(dir: string, logger: Logger): MailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  logger.info({ dir }, 'mail: SMTP_URL is not set, so mails are not sent but written to .eml files');
  return {
    async send(mail) {
      const info = await transport.sendMail(message(mail));
      if (!Buffer.isBuffer(info.message)) throw new Error('mail: the stream transport returned no buffer');
      await fs.mkdir(dir, { recursive: true });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(dir, `${stamp}-${mail.id}.eml`);
      // Written under a temporary name and renamed: a reader never sees half a mail.
      const partial = `${file}.partial`;
      await fs.writeFile(partial, info.message);
      await fs.rename(partial, file);
      // Path, recipient and ids only: the subject and body may hold codes and links that must never be logged.
      logger.info(
        { file, to: mail.to, outboxId: mail.id, messageId: info.messageId },
        'mail written to file',
      );
      return { messageId: info.messageId, file };
    },
    async close() {
      transport.close();
    },
  };
}

function message(mail: OutgoingMail) {
  return {
    from: mail.from,
    to: mail.to,
    subject: mail.subject,
    html: mail.html,
    text: mail.text,
    messageId: `<${mail.id.toLowerCase()}@${domainOf(mail.from)}>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

function domainOf(address: string): string {
  const match = /@([A-Za-z0-9.-]+)/.exec(address);
  return match?.[1]?.replace(/\.$/, '') || 'localhost';
}
