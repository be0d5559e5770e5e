/**
 * Recovery figures the model is built from, each with the AWS document it comes from. Where AWS
 * publishes no bound, the figure is a budget this project chose, and says so.
 */
const MINUTE = 60;
const HOUR = 3600;

export const FIGURES = {
    /** Global tables replicate "typically within one second". https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/V2globaltables_HowItWorks.html */
    dynamodbReplicaLag: 1,
    /** PITR's latest restorable time is about five minutes behind, 35 days back, same region only. https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html */
    dynamodbPitrLag: 5 * MINUTE,
    /** S3 Replication Time Control replicates 99.99 % of objects within 15 minutes. https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html */
    s3RtcLag: 15 * MINUTE,
    /** Without RTC, S3 replication is best effort ("most objects in seconds, some can take hours"): no bound, budgeted at a day. https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html */
    s3BestEffortLag: 24 * HOUR,
    /** AWS Backup runs scheduled jobs at most hourly. https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html */
    backupMinInterval: HOUR,
    /**
     * A plan rule's start window and completion window when it leaves them unset: the API reference states no default
     * for a rule; a rule created without them reads back StartWindowMinutes 480 and CompletionWindowMinutes 10080
     * (the AWS CLI's get-backup-plan example), StartBackupJob documents "default is 8 hours", and the CDK's maintainers
     * corrected its docs to 7 days for the completion window. A job may start anywhere in the start window and must
     * finish within the completion window, which the rule reference counts from the job's start (StartBackupJob's from
     * the schedule): the model takes the longer reading and adds both.
     * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_BackupRuleInput.html
     * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_StartBackupJob.html
     * https://github.com/aws/aws-cli/blob/develop/awscli/examples/backup/get-backup-plan.rst
     * https://github.com/aws/aws-cdk/pull/27061
     */
    backupDefaultStartWindow: 480 * MINUTE,
    /** The shortest windows a rule can have: 60 minutes to start (the API's minimum) and as long to finish. Same sources. */
    backupMinWindows: 2 * HOUR,
    backupDefaultCompletionWindow: 10080 * MINUTE,
    /** A copy job lands after its backup job; AWS publishes no bound, so the model budgets an hour. https://docs.aws.amazon.com/aws-backup/latest/devguide/cross-region-backup.html */
    backupCopyLag: HOUR,
    /** Restoring a table or bucket from a recovery point: AWS publishes no bound (it grows with size); budgeted at two hours. https://docs.aws.amazon.com/aws-backup/latest/devguide/restoring-a-backup.html */
    restoreFromBackup: 2 * HOUR,
    /** Aurora global database: replication "with latency typically under a second". https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database.html */
    auroraReplicaLag: 1,
    /**
     * A managed failover (FailoverGlobalCluster with AllowDataLoss) of an Aurora global database: "Typically, the chosen
     * secondary cluster assumes the primary role within a few minutes" — budgeted at five.
     * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html
     */
    auroraPromotion: 5 * MINUTE,
    /** Adding a DB instance to a headless secondary cluster before it can serve: AWS publishes no bound; budgeted at fifteen minutes. https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-attach.console.headless.html */
    auroraInstanceStart: 15 * MINUTE,
    /** RDS cross-region read replica lag: AWS publishes no bound (the ReplicaLag metric reports it); budgeted at five minutes. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.html */
    rdsReplicaLag: 5 * MINUTE,
    /** Promoting an RDS read replica "can take several minutes or longer": budgeted at fifteen minutes. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html */
    rdsReplicaPromotion: 15 * MINUTE,
    /** RDS and Aurora automated backups restore to a point in time, the latest restorable time "typically within the last five minutes". https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html */
    rdsPitrLag: 5 * MINUTE,
    /** Replicated automated backups (snapshots and transaction logs) in another region: AWS publishes no lag; budgeted at an hour. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html */
    rdsBackupReplicationLag: HOUR,
    /**
     * DocumentDB global cluster: replication "typically under a second"; a secondary is promoted "within minutes", a typical
     * RTO under a minute — budgeted at five, as for Aurora.
     * https://docs.aws.amazon.com/documentdb/latest/developerguide/global-clusters.html
     */
    docdbGlobalLag: 1,
    docdbPromotion: 5 * MINUTE,
    /**
     * Neptune global database: replication "with latency typically under a second"; recovery (a managed failover, or
     * detach-and-promote) takes "approximately minutes" — budgeted at five.
     * https://docs.aws.amazon.com/neptune/latest/userguide/neptune-global-database.html
     * https://docs.aws.amazon.com/neptune/latest/userguide/neptune-gdb-disaster-recovery.html
     */
    neptuneGlobalLag: 1,
    neptunePromotion: 5 * MINUTE,
    /**
     * ElastiCache global datastore: replication is asynchronous and the developer guide states no bound; AWS's disaster
     * recovery workshop gives an RPO "generally less than 1 second" and an RTO of a minute. The promotion of a secondary
     * during a regional outage is budgeted at five minutes.
     * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastore.html
     * https://disaster-recovery.workshop.aws/en/services/databases/elasticache/global-datastore.html
     */
    cacheGlobalDatastoreLag: 1,
    cacheGlobalPromotion: 5 * MINUTE,
    /** MemoryDB Multi-Region replicates asynchronously, "data is typically propagated within a second"; every regional cluster takes writes. https://docs.aws.amazon.com/memorydb/latest/devguide/multi-region.html */
    memorydbMultiRegionLag: 1,
    /** ElastiCache and MemoryDB automatic snapshots are daily, when snapshotRetentionLimit is above zero. https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html https://docs.aws.amazon.com/memorydb/latest/devguide/snapshots-automatic.html */
    cacheSnapshotInterval: 24 * HOUR,
    /** OpenSearch Service (OpenSearch, Elasticsearch 5.3+) takes hourly automated snapshots, kept 14 days, in its region. https://docs.aws.amazon.com/opensearch-service/latest/developerguide/managedomains-snapshots.html */
    searchSnapshotInterval: HOUR,
    /** Elasticsearch 5.1 and earlier: daily automated snapshots. Same source. */
    searchLegacySnapshotInterval: 24 * HOUR,
    /** Redshift automated snapshots: every eight hours or 5 GB per node of changes, whichever comes first. https://docs.aws.amazon.com/redshift/latest/mgmt/working-with-snapshots.html */
    redshiftSnapshotInterval: 8 * HOUR,
    /** Copying a Redshift snapshot to another region: AWS publishes no bound; budgeted at an hour after the snapshot. https://docs.aws.amazon.com/redshift/latest/mgmt/cross-region-snapshot-copy.html */
    redshiftSnapshotCopyLag: HOUR,
    /** EFS replication: "most changes are replicated within a minute, with an overall RPO of 15 minutes for most file systems". https://aws.amazon.com/blogs/aws/new-replication-for-amazon-elastic-file-system-efs/ */
    efsReplicationLag: 15 * MINUTE,
    /**
     * EFS automatic backups run AWS Backup's default EFS plan: daily, kept 35 days, in the default EFS vault; its windows are
     * AWS Backup's defaults. https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html
     */
    efsAutomaticBackupInterval: 24 * HOUR,
    /** FSx automatic backups are daily, in the file system's daily backup window. https://docs.aws.amazon.com/fsx/latest/WindowsGuide/using-backups.html */
    fsxBackupInterval: 24 * HOUR,
    /** Route 53 health checks: 10 s or 30 s between checks, failure threshold 3 by default. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html */
    healthCheckDefaultInterval: 30,
    healthCheckDefaultThreshold: 3,
    /** An alias record to a load balancer is served with a 60 s TTL. https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html */
    dnsTtl: MINUTE,
    /** A manual record change propagates to Route 53's name servers within 60 s. https://docs.aws.amazon.com/Route53/latest/APIReference/API_GetChange.html */
    dnsChangePropagation: MINUTE,
    /** Vault lock becomes immutable only after a grace time of at least 3 days. https://docs.aws.amazon.com/aws-backup/latest/devguide/vault-lock.html */
    vaultLockMinChangeableDays: 3,
    /** Target tracking scales out after its alarm (3 one-minute points) and Fargate starts tasks in about two minutes: budget. https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-target-tracking.html */
    scaleOut: 5 * MINUTE,
    /** Starting Fargate tasks from a ready definition: budget. https://docs.aws.amazon.com/AmazonECS/latest/developerguide/fargate-task-defs.html */
    taskStart: 3 * MINUTE,
    /**
     * Target tracking scales in "more gradually" than out, once its scale-in alarm has seen a quarter hour of low load:
     * budgeted at fifteen minutes for an idle standby to drain to its night minimum.
     * https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-autoscaling-targettracking.html
     */
    scaleInDrain: 15 * MINUTE,
    /**
     * Night mode raises the DR region's capacity this long before it takes traffic again, so it serves at full size
     * from the first request: longer than a task start (above). Policy of this project, not an AWS figure.
     */
    nightScaleUpLead: 5 * MINUTE,
    /**
     * An ARC Region switch plan starting its execution once its trigger's alarms are red: AWS publishes no bound;
     * budgeted at a minute. https://docs.aws.amazon.com/r53recovery/latest/dg/region-switch.html
     */
    planStart: MINUTE,
    /** A CloudWatch alarm the model cannot read (outside the stack): its evaluation is budgeted at five one-minute periods. */
    alarmDetectionBudget: 5 * MINUTE,
    /**
     * Aurora's writer failing over to a reader in another zone: an Aurora Replica is promoted automatically; AWS gives
     * typical times in seconds to a couple of minutes, budgeted at two.
     * https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
     */
    auroraZoneFailover: 2 * MINUTE,
    /** With no reader, Aurora creates a new writer instance itself: budgeted at ten minutes. Same source. */
    auroraInstanceReplacement: 10 * MINUTE,
    /** An RDS Multi-AZ instance failing over to its standby: "typically 60–120 seconds". https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html */
    rdsMultiAzFailover: 2 * MINUTE,
    /**
     * A load balancer taking a zone's targets out: its target group's health check interval × unhealthy threshold,
     * ALB's defaults 30 s × 2 when unset. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html
     */
    targetHealthDefaultInterval: 30,
    targetHealthDefaultThreshold: 2,
    /** A person paged, acknowledging and deciding to fail over a region: budget, not an AWS figure. */
    operatorReaction: 30 * MINUTE,
    /** Re-creating a cell's infrastructure with `pulumi up` in a recovery account or region: budget. */
    redeploy: HOUR,
    /** A restore test at least quarterly, as the HA/DR practice asks: the widest gap a quarterly schedule leaves (3 × 31 days). Policy, not an AWS figure. */
    restoreTestMaxInterval: 93 * 24 * HOUR,
} as const;

/**
 * RTO bands of the AWS whitepaper "Disaster Recovery of Workloads on AWS" per strategy, in seconds
 * (inclusive). https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html
 */
export const WHITEPAPER_RTO_BANDS = {
    /** "near zero": DNS failover, bounded by detection plus one TTL. */
    "active-active": { min: 0, max: 5 * MINUTE, words: "near zero" },
    "warm-standby": { min: MINUTE, max: 30 * MINUTE, words: "minutes" },
    "pilot-light": { min: 10 * MINUTE, max: HOUR, words: "tens of minutes" },
    "backup-restore": { min: HOUR, max: 24 * HOUR, words: "hours" },
} as const;
