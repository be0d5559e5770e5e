/** The stack config: its schema (the `dr` namespace, once), the rules across its keys, and its reader. */
export { DR_NAMESPACE, HOME_REGION, OnCallConfig, PRICE_CLASSES, RoutingConfig, TARGETS, TargetsConfig } from "./schema";
export { readValue } from "./read";
export { ConfigFail, Duration } from "./form";
export { Declaration, DeclaredType, declarations } from "./declaration";
export {
    BackupConfig,
    BucketConfig,
    DatabaseConfig,
    DrConfig,
    EdgeSettled,
    LOCK_MIN_RETENTION_DAYS,
    SessionCacheSettled,
    TableConfig,
} from "./rules";
export { readDrConfig } from "./read";
