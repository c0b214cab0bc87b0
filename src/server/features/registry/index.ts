/** What other features may use of the registry: its figures as the actuals of party-building targets. */
export { REGISTRY_TARGET_CODES, registryTargetSeries } from './target-actuals.service';
export { registryRoutes } from './registry.routes';
export { sendReviewReminders } from './reminders.service';
