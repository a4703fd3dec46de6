/** The limits one run is held to: the tier's, clamped by the server-wide ceilings. */
export interface ExecutionLimits {
  maxModuleBytes: number;
  maxInputBytes: number;
  timeoutMs: number;
  memoryLimitBytes: number;
  maxOutputBytes: number;
}
