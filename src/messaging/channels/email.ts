import nodemailer, { type Transporter } from 'nodemailer';
import type { MessageClass } from '../rules.js';
import { unsubscribeToken } from '../unsubscribe.js';
import type { SendOutcome } from './outcome.js';

// Email over SMTP (nodemailer): an HTML and a text part, and for marketing mail the signed
// one-click unsubscribe link in the body and in the List-Unsubscribe / List-Unsubscribe-Post
// headers (RFC 8058), which mail clients show as an "unsubscribe" button.

export interface SmtpSettings {
  readonly host: string;
  readonly port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  readonly secure: boolean;
  readonly user?: string;
  readonly password?: string;
  /** The sender, e.g. "老客母婴 <news@example.com>". */
  readonly from: string;
}

export interface EmailMessage {
  /** Our message id: the Message-ID's local part, so bounces and receipts find the message. */
  readonly messageId: string;
  readonly storeId: number;
  readonly customerId: number;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly text: string;
  readonly messageClass: MessageClass;
}

export interface EmailChannel {
  send(message: EmailMessage): Promise<SendOutcome>;
  close(): void;
}

/**
 * How an SMTP error ends: a 5xx reply is permanent (no such mailbox, rejected content); a 4xx
 * reply, a refused or dropped connection or a timeout may pass on a later try.
 */
export function classifySmtpError(error: unknown): SendOutcome {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const reason = e.message ?? String(error);
  if (typeof e.responseCode === 'number' && e.responseCode >= 500) return { status: 'failed', reason };
  return { status: 'retry', reason };
}

export function createEmailChannel(
  settings: SmtpSettings,
  links: { readonly unsubscribeBase: string; readonly key: Buffer },
): EmailChannel {
  const transporter: Transporter = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const domain = /@([^>\s]+)>?\s*$/.exec(settings.from)?.[1] ?? 'laoke.local';
  return {
    async send(message) {
      const marketing = message.messageClass === 'marketing';
      const link = marketing
        ? `${links.unsubscribeBase.replace(/\/$/, '')}/${unsubscribeToken(links.key, {
            storeId: message.storeId,
            customerId: message.customerId,
            channel: 'email',
            messageId: message.messageId,
          })}`
        : null;
      try {
        const info = await transporter.sendMail({
          from: settings.from,
          to: message.to,
          subject: message.subject,
          messageId: `<${message.messageId}@${domain}>`,
          text: link ? `${message.text}\n\n退订 / Unsubscribe: ${link}\n` : message.text,
          html: link
            ? `${message.html}<p style="font-size:12px;color:#888"><a href="${link}">退订 / Unsubscribe</a></p>`
            : message.html,
          ...(link
            ? {
                list: { unsubscribe: { url: link, comment: 'Unsubscribe' } },
                headers: { 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
              }
            : {}),
        });
        return { status: 'sent', providerId: info.messageId };
      } catch (error) {
        return classifySmtpError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}
