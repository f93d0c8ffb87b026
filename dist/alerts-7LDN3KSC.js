import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  DEFAULT_ROUTES,
  DRY_RUN_FOLDER,
  backoffDelay,
  codeMessages,
  createChannels,
  createDryRunChannels,
  defaultDeliveryPolicy,
  deliverAlerts,
  effectiveRoutes,
  planAlerts,
  reconcileAlertState,
  templateMessages
} from "./chunk-BH6AH3DN.js";
import "./chunk-IXITZCPI.js";
import "./chunk-U2O3BTYX.js";
import "./chunk-LLLGGWG3.js";
import "./chunk-IGAZOIB7.js";
import "./chunk-5GJBEOA2.js";
import {
  ChannelError
} from "./chunk-A2Q6GNIY.js";
import "./chunk-ZAQXCPAF.js";
export {
  ChannelError,
  DEFAULT_ROUTES,
  DRY_RUN_FOLDER,
  backoffDelay,
  codeMessages,
  createChannels,
  createDryRunChannels,
  defaultDeliveryPolicy,
  deliverAlerts,
  effectiveRoutes,
  planAlerts,
  reconcileAlertState,
  templateMessages
};
