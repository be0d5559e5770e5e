/** The stack config: its schema (the `dr` namespace, once), the rules across its keys, and its reader. */
export { DR_NAMESPACE, HOME_REGION, OnCallConfig, RoutingConfig, TARGETS, TargetsConfig } from "./schema";
export { readValue } from "./read";
export { ConfigFail, Duration } from "./form";
export { Declaration, DeclaredType, declarations } from "./declaration";
export { BackupConfig, BucketConfig, DatabaseConfig, DrConfig, LOCK_MIN_RETENTION_DAYS, TableConfig } from "./rules";
export { readDrConfig } from "./read";
