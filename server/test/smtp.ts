import { EventEmitter } from 'node:events';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** One mail as the test SMTP server received it. */
export interface CapturedMail {
  /** The envelope's recipients (RCPT TO), comma-separated. */
  to: string;
  /** The envelope's sender (MAIL FROM). */
  from: string;
  subject: string;
  text: string;
  html: string;
  messageId: string;
  /** The user name the client authenticated with, if it did. */
  user: string | null;
}

export interface TestSmtpServer {
  /** smtp://127.0.0.1:PORT, ready to be SMTP_URL. */
  url: string;
  port: number;
  /** Every mail received so far, in arrival order. */
  messages: CapturedMail[];
  /** The first mail, already received or still to come, that matches; rejects after `timeoutMs` (default 5 s). */
  waitFor(predicate: (mail: CapturedMail) => boolean, timeoutMs?: number): Promise<CapturedMail>;
  stop(): Promise<void>;
}

/**
 * A real SMTP server on loopback (smtp-server, no STARTTLS, any or no credentials accepted) that parses each mail
 * (mailparser) and keeps it. On a free port, or on `port` to bring a stopped server back where it was.
 */
export async function startSmtpServer(options: { port?: number } = {}): Promise<TestSmtpServer> {
  const messages: CapturedMail[] = [];
  const arrivals = new EventEmitter();
  arrivals.setMaxListeners(0);

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 100,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mail: CapturedMail = {
            to: session.envelope.rcptTo.map((r) => r.address).join(', '),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
            html: typeof parsed.html === 'string' ? parsed.html : '',
            messageId: parsed.messageId ?? '',
            user: typeof session.user === 'string' ? session.user : null,
          };
          messages.push(mail);
          arrivals.emit('mail', mail);
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors of single connections (a client hanging up) are not the test's business.
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;

  let stopping: Promise<void> | undefined;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(predicate, timeoutMs = 5_000) {
      const found = messages.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onMail = (mail: CapturedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          arrivals.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          arrivals.off('mail', onMail);
          reject(new Error(`no matching mail within ${timeoutMs} ms (${messages.length} received)`));
        }, timeoutMs);
        arrivals.on('mail', onMail);
      });
    },
    stop: () => (stopping ??= new Promise<void>((resolve) => server.close(() => resolve()))),
  };
}

/** The 6-digit code of a verification or sign-in mail: the one on a line of its own in the text part. */
export function extractCode(mail: CapturedMail): string {
  const own = /^[ \t]*(\d{6})[ \t]*$/m.exec(mail.text) ?? /(?<!\d)(\d{6})(?!\d)/.exec(mail.text);
  if (!own?.[1]) throw new Error(`no 6-digit code in the mail "${mail.subject}" to ${mail.to}`);
  return own[1];
}
