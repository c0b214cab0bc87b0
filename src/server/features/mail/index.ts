/**
 * The mail feature: the outbox (other features queue letters with `queueMail`, inside their own
 * transaction) and its delivery by SMTP (the sender job). What other code may use is exported
 * here; everything else in this folder is the feature's own.
 */
export { queueMail, type QueuedMail } from './mail-outbox.service';
export { notifyOrgPeople, notifyWithMail, type Notice } from './notify.service';
export { createTransport, deliverOutbox, smtpSettingsFromEnv, type MailTransport, type SmtpSettings } from './mail-sender.service';
export { mailRoutes } from './mail.routes';
