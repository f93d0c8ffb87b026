import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
var STAGE_NAMES=["unit","integration","benchmark","chaos"];export{STAGE_NAMES};
