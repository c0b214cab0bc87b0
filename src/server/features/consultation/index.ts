/** What other code may use of the consultation feature. */
export { consultationRoutes } from './consultation.routes';
export { sendConsultationReminders } from './reminders.service';
