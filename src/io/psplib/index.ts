export { parseSm, type PsplibProject } from './parse-sm.js';
