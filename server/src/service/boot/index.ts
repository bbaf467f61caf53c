/** Boot order: the init scripts of an image root and the links the tools would make. */
export { headerSignature, knownScriptText, loadInitTree, scriptInfo, type InitTree, type Layout, type ScriptInfo } from './scripts';
export { chkconfigRefusal, defaultTool, plan, planChkconfig, planInsserv, planUpdateRcd, type Plan, type PlannedLink, type Tool } from './planner';
export { parseLinkName, simulate, type Flavour, type LevelLink, type Step } from './simulate';
export { previewLinks, renderPreview, type LinkPreview, type LinkRow } from './preview';
export { findRoots, listServices, type LevelState, type ServiceRow, type ServiceTree } from './services';
export { renderSimulation, simulateChange, type Simulation } from './runlevel';
export { checkTree as checkTreeRaw, danglingLinks, type DanglingLink, type TreeProblem } from './treeChecks';
