import { createRequire as __gauntletCreateRequire } from 'node:module';
const require = __gauntletCreateRequire(import.meta.url);
import{require_handlebars_runtime}from"./chunk-XIF5IERC.js";import{__commonJS}from"./chunk-I54WY76Z.js";var require_runtime=__commonJS({"node_modules/handlebars/runtime.js"(exports,module){module.exports=require_handlebars_runtime().default}});export default require_runtime();
