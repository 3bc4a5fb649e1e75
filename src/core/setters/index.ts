// Public surface of the setters: pure functions from file contents to new contents + result.

export { applySetters, combineOutcomes, type SettersRun, type SourceFile } from './apply.ts';
export { applySettersToFile, type FileOutcome, type SettersOptions } from './apply-file.ts';
export { imageRefString, parseMarkerComment, screenToken, setterValue } from './marker.ts';
export type * from './result.ts';
