/** The stack config: its schema (the `dr` namespace, once), the rules across its keys, and its reader. */
export {
    BUDGET,
    DR_NAMESPACE,
    HOME_REGION,
    NIGHT_MODE,
    NIGHT_TIERS,
    OnCallConfig,
    RoutingConfig,
    TARGETS,
    TargetsConfig,
    USAGE,
    UsageConfig,
} from "./schema";
export { readValue } from "./read";
export { ConfigFail, Duration, clockMinutes } from "./form";
export { Declaration, DeclaredType, declarations } from "./declaration";
export { BackupConfig, BucketConfig, DatabaseConfig, DrConfig, LOCK_MIN_RETENTION_DAYS, NightModeConfig, TableConfig } from "./rules";
export { readDrConfig } from "./read";
