/** Alerts (issue 6): pure planning, one adapter per channel, one delivery policy. */
export { planAlerts, type PlanAlertsInput, type AlertPlan } from './plan.js'
export {
  codeMessages,
  templateMessages,
  type AlertMessages,
  type TemplateMessagesOptions,
} from './messages.js'
export {
  deliverAlerts,
  defaultDeliveryPolicy,
  backoffDelay,
  type DeliveryLog,
  type DeliveryResult,
} from './delivery.js'
export { reconcileAlertState } from './reconcile.js'
export { createChannels, type AlertSecrets, type CreateChannelsOptions } from './channels.js'
export { createDryRunChannels, DRY_RUN_FOLDER } from './dry-run.js'
export { ChannelError } from './errors.js'
export { DEFAULT_ROUTES, effectiveRoutes } from './routing.js'
export type {
  AlertChannel,
  AlertChannels,
  AlertLinks,
  DeliveryPolicy,
  EmailMessage,
  Notification,
  PagerDutyEvent,
  SlackMessage,
} from './types.js'
