/** What systemd makes of init scripts: systemd-sysv-generator's output, per systemd version. */
export { defaultVersion, PROFILES, resolveVersion, SYSTEMD_VERSION_SETTINGS, SYSTEMD_VERSIONS, type GeneratorProfile, type SystemdVersion, type SystemdVersionSetting } from './versions';
export { generate, generatorDirs, nativeUnit, readBytes, resolveInRoot, UNIT_DIRS, type GeneratedEntry, type GeneratedLink, type GeneratedUnit, type GenerateOptions, type GeneratorRun, type LevelLink, type ScriptOutcome, type UnorderedGroup } from './generator';
export { loadSysv, translateFacility, type LoadNote, type LoadResult, type Translation } from './load';
export { isHiddenName, mangle, translateName, unitNameIsValid } from './unitName';
export { convertToNative, nativeUnitOf, type NativeUnit } from './native';
export { checkSystemd } from './checks';
export { SYSTEMD_PROBLEMS } from './problems';
export { previewUnit, systemdHover, systemdRows, type SystemdRow } from './editor';
