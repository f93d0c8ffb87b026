import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import {
  DEFAULT_EMAIL_FROM,
  createEmailChannel,
  smtpOptions
} from "./chunk-5GJBEOA2.js";
import "./chunk-A2Q6GNIY.js";
import "./chunk-ZAQXCPAF.js";
export {
  DEFAULT_EMAIL_FROM,
  createEmailChannel,
  smtpOptions
};
