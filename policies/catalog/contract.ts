import { Tier } from "./tiers";

/**
 * The contract between the program and the pack: the type tokens of the program's components and the
 * outputs each registers for the pack (and `dr`) to read. The components implement these interfaces;
 * the model reads them through `policies/catalog/model/components.ts`. See docs/architecture.md.
 */
export const COMPONENT_TYPES = {
    cell: "dr:cell:RegionalCell",
    backup: "dr:backup:Backup321",
    routing: "dr:routing:GlobalRouting",
    nightMode: "dr:cell:NightMode",
} as const;

/** What a region does in its cell: the home region, or the DR region. */
export type CellRole = "primary" | "standby";

/** How a region of the cell runs its service: not at all, at a fixed count, or scaling between bounds. */
export type ComputeKind = "none" | "fixed" | "scalable";

/** What a `RegionalCell` registers: one region of the cell, and the DR intent the whole cell serves. */
export interface CellOutputs {
    /** Stack name: the cell this region belongs to. */
    cell: string;
    /** AWS region of this part of the cell. */
    region: string;
    /** primary = the home region; standby = the DR region. */
    role: CellRole;
    /** The cell's DR strategy. */
    tier: Tier;
    /** The cell's RTO target as written in config, e.g. `1h`. */
    rto: string;
    /** The cell's RPO target as written in config, e.g. `15m`. */
    rpo: string;
    /** Residency zone of the cell's personal data. */
    residency: string;
    compute: ComputeKind;
    desiredCount: number;
    maxCount: number;
    loadBalancerDnsName?: string;
    loadBalancerZoneId?: string;
    alarmTopicArn: string;
}

/**
 * How a stack's vaults are locked. compliance: immutable once its 72-hour grace time has passed (nobody,
 * root included, can delete a recovery point early, remove the lock or delete a non-empty vault);
 * governance: removable by principals allowed backup:DeleteBackupVaultLockConfiguration; none: no lock.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html
 */
export type VaultLockMode = "compliance" | "governance" | "none";
export const VAULT_LOCK_MODES: readonly VaultLockMode[] = ["compliance", "governance", "none"];

/**
 * What `NightMode` registers: the daily window in which the DR region runs a cheaper tier, and what that tier leaves
 * running there — the recovery model judges the night from it, and the cost model prices it.
 */
export interface NightModeOutputs {
    cell: string;
    /** The region that drops to the night tier: the cell's DR region. */
    region: string;
    /** The window, local times HH:MM in `timeZone`; it may cross midnight. */
    from: string;
    to: string;
    timeZone: string;
    /** The tier the DR region runs at night. */
    tier: Tier;
    /** The DR service's tasks at night, and the bounds auto scaling keeps them in. */
    desiredCount: number;
    minCount: number;
    maxCount: number;
    /** The night's own RTO target as written (e.g. `20m`), when the stack declares one; else the day's holds. */
    rto?: string;
}

/** What `Backup321` registers. */
export interface BackupOutputs {
    /** The stack's own account: a copy to a vault of any other account is off-site. */
    account: string;
    homeVault: { name: string; region: string };
    copyDestination: { to: "region" | "account"; vaultName?: string; vaultArn: string; region: string };
    /** The plan's AWS Backup cron expression. */
    schedule: string;
    everyHours: number;
    retentionDays: number;
    vaultLock: VaultLockMode;
}

/** How the cell's own name chooses among its regions. */
export type CellRoutingPolicy = "latency" | "failover" | "simple";

/** What `GlobalRouting` registers. */
export interface RoutingOutputs {
    hostName: string;
    /** The cell's own name, the alias target of every geolocation record of the cell. */
    cellName: string;
    /** Continent codes, country codes or `*` that the cell's geolocation records claim. */
    geo: string[];
    routingPolicy: CellRoutingPolicy;
    /** Regions whose load balancers the cell's name resolves to. */
    targetRegions: string[];
    /** Route 53 health check id per region. */
    healthCheckIds: Record<string, string>;
}

/**
 * Relational engines the program builds: Aurora as a global database (or a regional cluster), the others as
 * RDS instances with cross-region read replicas.
 */
export const DATABASE_ENGINES = ["aurora-postgresql", "aurora-mysql", "postgres", "mysql"] as const;
export type DatabaseEngine = (typeof DATABASE_ENGINES)[number];

export function isAurora(engine: DatabaseEngine): boolean {
    return engine.startsWith("aurora-");
}
