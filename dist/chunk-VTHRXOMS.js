import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
var SEVERITIES=["info","warning","error","critical"];function severityRank(severity){return SEVERITIES.indexOf(severity)}function isAtLeast(severity,threshold){return severityRank(severity)>=severityRank(threshold)}export{SEVERITIES,severityRank,isAtLeast};
