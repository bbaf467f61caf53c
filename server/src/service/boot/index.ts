/** Boot order: the init scripts of an image root and the links the tools would make. */
export { headerSignature, knownScriptText, loadInitTree, scriptInfo, type InitTree, type Layout, type ScriptInfo } from './scripts';
export { chkconfigRefusal, defaultTool, plan, planChkconfig, planInsserv, planUpdateRcd, type Plan, type PlannedLink, type Tool } from './planner';
export { parseLinkName, simulate, type Flavour, type LevelLink, type Step } from './simulate';
export { otherToolOf, previewLinks, renderPreview, rowNotes, type LinkPreview, type LinkRow } from './preview';
export { bootView, GRAPH_MAX, type BootView, type GraphEdge, type GraphNode, type LevelOrder, type LevelStep } from './view';
export { findRoots, listServices, type LevelState, type ServiceRow, type ServiceTree } from './services';
export { renderSimulation, simulateChange, type Simulation } from './runlevel';
export { checkTree as checkTreeRaw, danglingLinks, type DanglingLink, type TreeProblem } from './treeChecks';
