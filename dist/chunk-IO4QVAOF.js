import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
var PAGERDUTY_SOURCE="gauntlet",DEFAULT_EMAIL_FROM="gauntlet@localhost";export{PAGERDUTY_SOURCE,DEFAULT_EMAIL_FROM};
