import nodemailer from "nodemailer";
import type { OutboxChannel } from "@homeport/db";

export interface OutgoingMessage {
  channel: OutboxChannel;
  recipient: string;
  subject?: string | null;
  body: string;
}

/** A way out of the building for one channel: SMTP for email, an SMS provider for texts. */
export interface MessageTransport {
  readonly channel: OutboxChannel;
  deliver(message: OutgoingMessage): Promise<void>;
}

export function smtpTransport(smtpUrl: string, from: string): MessageTransport {
  const transporter = nodemailer.createTransport(smtpUrl);
  return {
    channel: "EMAIL",
    async deliver(message) {
      await transporter.sendMail({
        from,
        to: message.recipient,
        subject: message.subject ?? "",
        text: message.body,
      });
    },
  };
}

/**
 * The SMS provider interface. A deployment plugs in its provider here; with none, texts are kept in
 * the outbox (status CAPTURED), which the development outbox page shows.
 */
export interface SmsProvider {
  sendText(to: string, body: string): Promise<void>;
}

export function smsTransport(provider: SmsProvider): MessageTransport {
  return {
    channel: "SMS",
    deliver: (message) => provider.sendText(message.recipient, message.body),
  };
}

export type Transports = Partial<Record<OutboxChannel, MessageTransport>>;
