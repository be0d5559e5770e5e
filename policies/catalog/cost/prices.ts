/**
 * The price table `dr cost` and dr-cost-budget price a stack with: on-demand list prices in USD, per region, each with
 * the copy of a page it was read from. Data only; nothing is fetched at run time. A spec with no price is one no copy
 * read gave: what it prices is reported as unpriced, never guessed, until the refresh fills it.
 *
 * AWS's price list is the authority (https://aws.amazon.com/pricing/, and its Price List API:
 * https://docs.aws.amazon.com/awsaccountbilling/latest/aboutv2/price-changes.html). This copy was assembled without
 * access to it: each price was read from the page its `source` names, on `read`, and is as old as that copy (`copy`).
 * A region a price was not found for takes the price of the region `lookupPrice` falls back to, and reports say so.
 * A maintainer with AWS credentials refreshes every price from the Price List API with `npm run prices:refresh`
 * (tools/refreshPrices.ts), which runs each spec's `query` per region and rewrites this file with the answers.
 */

/** Where a price was read. */
export interface PriceSource {
    url: string;
    /** The date the copy states, or `undated` when it states none. */
    copy: string;
    /** How the figure follows from the page, when it is not written there as is. */
    note?: string;
}

export interface RegionalPrice {
    /** Dollars per `unit`, as AWS writes it: a decimal of at most six places. */
    usd: string;
    source: PriceSource;
}

/** One line of AWS's price list, and how the refresh finds it. */
export interface PriceSpec {
    /** What is charged, in a report's words. */
    what: string;
    /** The unit the price is per, as AWS quotes it. */
    unit: string;
    /**
     * The Price List API query (GetProducts) that answers it, per region: the service code and attribute filters; the
     * refresh adds the region and takes the one on-demand USD price in `unit` that the query returns.
     */
    query: { serviceCode: string; filters: { field: string; type: "TERM_MATCH" | "CONTAINS"; value: string }[] };
    /** By region code, or `global` for a price that has no region. */
    prices: Record<string, RegionalPrice>;
}

export interface PriceTable {
    /** The day this table was assembled. */
    date: string;
    currency: "USD";
    /** The regions it is kept for: the refresh asks for each spec in each. */
    regions: string[];
    /** Where its prices come from, in one line. */
    source: string;
    /** The command that refreshes it, and what it needs. */
    refresh: string;
    specs: Record<string, PriceSpec>;
}

// The table below is data: tools/refreshPrices.ts rewrites it between these markers.
// BEGIN PRICE_TABLE
export const PRICE_TABLE: PriceTable = {
    date: "2026-12-07",
    currency: "USD",
    regions: ["us-east-1", "us-west-2", "eu-west-1", "ap-northeast-1", "ap-northeast-3"],
    source: "AWS's price list: https://aws.amazon.com/pricing/ (Price List API, service codes per spec); this copy read from the pages each price cites, on 2026-12-07",
    refresh:
        "npm run prices:refresh -- --write (runs `aws pricing get-products` for every spec and region: needs the AWS CLI and credentials allowed pricing:GetProducts)",
    specs: {
        "fargate/vcpu-hour": {
            what: "Fargate vCPU (Linux, x86)",
            unit: "vCPU-hour",
            query: {
                serviceCode: "AmazonECS",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Fargate-vCPU-Hours:perCPU",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.04048",
                    source: {
                        url: "https://www.vantage.sh/blog/fargate-pricing",
                        copy: "undated",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.05056",
                    source: {
                        url: "https://qiita.com/noplan1989/items/a90c93675b2b9245ffb2",
                        copy: "2019-01",
                        note: "derived: its yen table (110 yen/USD, 732 hours) solves to this per-vCPU and per-GB price for Tokyo",
                    },
                },
            },
        },
        "fargate/gb-hour": {
            what: "Fargate memory (Linux, x86)",
            unit: "GB-hour",
            query: {
                serviceCode: "AmazonECS",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Fargate-GB-Hours",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.004445",
                    source: {
                        url: "https://www.vantage.sh/blog/fargate-pricing",
                        copy: "undated",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.00553",
                    source: {
                        url: "https://qiita.com/noplan1989/items/a90c93675b2b9245ffb2",
                        copy: "2019-01",
                        note: "derived: its yen table (110 yen/USD, 732 hours) solves to this per-vCPU and per-GB price for Tokyo",
                    },
                },
            },
        },
        "alb/hour": {
            what: "Application Load Balancer",
            unit: "hour",
            query: {
                serviceCode: "AWSELB",
                filters: [
                    {
                        field: "productFamily",
                        type: "TERM_MATCH",
                        value: "Load Balancer-Application",
                    },
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "LoadBalancerUsage",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.0225",
                    source: {
                        url: "https://cloud-horizons.com/blog/alb-the-line-item-nobody-watches/",
                        copy: "2026-05-08",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.0243",
                    source: {
                        url: "https://aws.darcy-it.com/elb%E3%81%AE%E3%82%B3%E3%82%B9%E3%83%88%E6%96%99%E9%87%91/",
                        copy: "undated",
                    },
                },
            },
        },
        "alb/lcu-hour": {
            what: "Application Load Balancer capacity units",
            unit: "LCU-hour",
            query: {
                serviceCode: "AWSELB",
                filters: [
                    {
                        field: "productFamily",
                        type: "TERM_MATCH",
                        value: "Load Balancer-Application",
                    },
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "LCUUsage",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.008",
                    source: {
                        url: "https://cloud-horizons.com/blog/alb-the-line-item-nobody-watches/",
                        copy: "2026-05-08",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.008",
                    source: {
                        url: "https://aws.darcy-it.com/elb%E3%81%AE%E3%82%B3%E3%82%B9%E3%83%88%E6%96%99%E9%87%91/",
                        copy: "undated",
                    },
                },
            },
        },
        "nat/hour": {
            what: "NAT gateway",
            unit: "hour",
            query: {
                serviceCode: "AmazonEC2",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "NatGateway-Hours",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.045",
                    source: {
                        url: "https://cloudburn.io/blog/aws-nat-gateway-pricing",
                        copy: "2026-02-24",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.062",
                    source: {
                        url: "https://awsi.click/en/articles/nat-gateway-cost-structure-avoidance/",
                        copy: "undated",
                    },
                },
            },
        },
        "nat/gb": {
            what: "NAT gateway data processed",
            unit: "GB",
            query: {
                serviceCode: "AmazonEC2",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "NatGateway-Bytes",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.045",
                    source: {
                        url: "https://cloudburn.io/blog/aws-nat-gateway-pricing",
                        copy: "2026-02-24",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.062",
                    source: {
                        url: "https://awsi.click/en/articles/nat-gateway-cost-structure-avoidance/",
                        copy: "undated",
                    },
                },
            },
        },
        "ipv4/hour": {
            what: "public IPv4 address",
            unit: "hour",
            query: {
                serviceCode: "AmazonVPC",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "PublicIPv4:InUseAddress",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.005",
                    source: {
                        url: "https://cloudburn.io/blog/aws-nat-gateway-pricing",
                        copy: "2026-02-24",
                    },
                },
            },
        },
        "dynamodb/write-million": {
            what: "DynamoDB on-demand writes (a replicated write is priced as a write)",
            unit: "million write request units",
            query: {
                serviceCode: "AmazonDynamoDB",
                filters: [
                    {
                        field: "group",
                        type: "TERM_MATCH",
                        value: "DDB-WriteUnits",
                    },
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "WriteRequestUnits",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.625",
                    source: {
                        url: "https://airbyte.com/data-engineering-resources/dynamodb-pricing",
                        copy: "2025-07-21",
                        note: "replicated writes are priced as writes: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/global-tables-billing.html",
                    },
                },
            },
        },
        "dynamodb/storage-gb-month": {
            what: "DynamoDB storage",
            unit: "GB-month",
            query: {
                serviceCode: "AmazonDynamoDB",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "TimedStorage-ByteHrs",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.25",
                    source: {
                        url: "https://aws.amazon.com/dynamodb/pricing/",
                        copy: "undated",
                        note: '"prices start from $0.25 per GB-month"',
                    },
                },
            },
        },
        "dynamodb/pitr-gb-month": {
            what: "DynamoDB point-in-time recovery",
            unit: "GB-month",
            query: {
                serviceCode: "AmazonDynamoDB",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "TimedPITRStorage-ByteHrs",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.20",
                    source: {
                        url: "https://www.factualminds.com/blog/aws-backup-pricing-vaults-cross-region-restores/",
                        copy: "2026-06-13",
                    },
                },
            },
        },
        "s3/storage-gb-month": {
            what: "S3 Standard storage (first 50 TB)",
            unit: "GB-month",
            query: {
                serviceCode: "AmazonS3",
                filters: [
                    {
                        field: "volumeType",
                        type: "TERM_MATCH",
                        value: "Standard",
                    },
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "TimedStorage-ByteHrs",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.023",
                    source: {
                        url: "https://gist.github.com/EverettBerry/a37438006529a55f42da6fdbc44a505c",
                        copy: "2022-07-07",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.025",
                    source: {
                        url: "https://abicky.net/2022/02/13/184039",
                        copy: "2022-02-13",
                    },
                },
            },
        },
        "s3/rtc-gb": {
            what: "S3 Replication Time Control",
            unit: "GB replicated",
            query: {
                serviceCode: "AmazonS3",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "RTC-Bytes",
                    },
                ],
            },
            prices: {},
        },
        "transfer/inter-region-gb": {
            what: "data transfer to another region",
            unit: "GB",
            query: {
                serviceCode: "AWSDataTransfer",
                filters: [
                    {
                        field: "transferType",
                        type: "TERM_MATCH",
                        value: "InterRegion Outbound",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.02",
                    source: {
                        url: "https://www.redresscompliance.com/aws-inter-region-transfer-costs-multiregion.html",
                        copy: "undated",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.09",
                    source: {
                        url: "https://dev.classmethod.jp/articles/ec2-datatransfer-cost",
                        copy: "2025-04-16",
                    },
                },
            },
        },
        "aurora/instance-hour/aurora-postgresql/db.r6g.large": {
            what: "Aurora PostgreSQL db.r6g.large (Aurora Standard)",
            unit: "instance-hour",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "instanceType",
                        type: "TERM_MATCH",
                        value: "db.r6g.large",
                    },
                    {
                        field: "databaseEngine",
                        type: "TERM_MATCH",
                        value: "Aurora PostgreSQL",
                    },
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "InstanceUsage",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.30",
                    source: {
                        url: "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html",
                        copy: "undated",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.313",
                    source: {
                        url: "https://zenn.dev/hiren/scraps/61f3ea2d8f72b3",
                        copy: "undated",
                    },
                },
            },
        },
        "aurora/instance-hour/aurora-mysql/db.r6g.large": {
            what: "Aurora MySQL db.r6g.large (Aurora Standard)",
            unit: "instance-hour",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "instanceType",
                        type: "TERM_MATCH",
                        value: "db.r6g.large",
                    },
                    {
                        field: "databaseEngine",
                        type: "TERM_MATCH",
                        value: "Aurora MySQL",
                    },
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "InstanceUsage",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.29",
                    source: {
                        url: "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html",
                        copy: "undated",
                    },
                },
            },
        },
        "aurora/storage-gb-month": {
            what: "Aurora storage (Aurora Standard)",
            unit: "GB-month",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Aurora:StorageUsage",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.10",
                    source: {
                        url: "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html",
                        copy: "undated",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.12",
                    source: {
                        url: "https://zenn.dev/hiren/scraps/61f3ea2d8f72b3",
                        copy: "undated",
                    },
                },
            },
        },
        "aurora/io-million": {
            what: "Aurora I/O (Aurora Standard)",
            unit: "million I/O requests",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Aurora:StorageIOUsage",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.20",
                    source: {
                        url: "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html",
                        copy: "undated",
                    },
                },
                "ap-northeast-1": {
                    usd: "0.24",
                    source: {
                        url: "https://zenn.dev/hiren/scraps/61f3ea2d8f72b3",
                        copy: "undated",
                    },
                },
            },
        },
        "aurora/replicated-write-io-million": {
            what: "Aurora global database replicated write I/O",
            unit: "million I/O requests",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Aurora:ReplicatedWriteIO",
                    },
                ],
            },
            prices: {},
        },
        "rds/instance-hour/postgres/db.r6g.large": {
            what: "RDS PostgreSQL db.r6g.large (Single-AZ; Multi-AZ runs two)",
            unit: "instance-hour",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "instanceType",
                        type: "TERM_MATCH",
                        value: "db.r6g.large",
                    },
                    {
                        field: "databaseEngine",
                        type: "TERM_MATCH",
                        value: "PostgreSQL",
                    },
                    {
                        field: "deploymentOption",
                        type: "TERM_MATCH",
                        value: "Single-AZ",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.25",
                    source: {
                        url: "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html",
                        copy: "undated",
                    },
                },
            },
        },
        "rds/instance-hour/mysql/db.r6g.large": {
            what: "RDS MySQL db.r6g.large (Single-AZ; Multi-AZ runs two)",
            unit: "instance-hour",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "instanceType",
                        type: "TERM_MATCH",
                        value: "db.r6g.large",
                    },
                    {
                        field: "databaseEngine",
                        type: "TERM_MATCH",
                        value: "MySQL",
                    },
                    {
                        field: "deploymentOption",
                        type: "TERM_MATCH",
                        value: "Single-AZ",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.24",
                    source: {
                        url: "https://store-v2-khaki.vercel.app/rds-vs-aurora-cost-calculator.html",
                        copy: "undated",
                    },
                },
            },
        },
        "rds/storage-gb-month": {
            what: "RDS gp3 storage (Single-AZ; Multi-AZ stores two)",
            unit: "GB-month",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "volumeType",
                        type: "TERM_MATCH",
                        value: "General Purpose-GP3",
                    },
                    {
                        field: "deploymentOption",
                        type: "TERM_MATCH",
                        value: "Single-AZ",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.115",
                    source: {
                        url: "https://www.usage.ai/blogs/aws/reserved-instances/rds/pricing-calculator/",
                        copy: "2026-06",
                    },
                },
            },
        },
        "elasticache/node-hour/cache.r6g.large": {
            what: "ElastiCache cache.r6g.large (Redis OSS, Memcached)",
            unit: "node-hour",
            query: {
                serviceCode: "AmazonElastiCache",
                filters: [
                    {
                        field: "instanceType",
                        type: "TERM_MATCH",
                        value: "cache.r6g.large",
                    },
                    {
                        field: "cacheEngine",
                        type: "TERM_MATCH",
                        value: "Redis",
                    },
                ],
            },
            prices: {},
        },
        "backup/dynamodb-gb-month": {
            what: "AWS Backup storage, DynamoDB",
            unit: "GB-month",
            query: {
                serviceCode: "AWSBackup",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "WarmStorage-ByteHrs-DynamoDB",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.10",
                    source: {
                        url: "https://www.factualminds.com/blog/aws-backup-pricing-vaults-cross-region-restores/",
                        copy: "2026-06-13",
                    },
                },
            },
        },
        "backup/s3-gb-month": {
            what: "AWS Backup storage, S3",
            unit: "GB-month",
            query: {
                serviceCode: "AWSBackup",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "WarmStorage-ByteHrs-S3",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.05",
                    source: {
                        url: "https://cloudburn.io/blog/aws-backup-pricing",
                        copy: "2026-02-07",
                    },
                },
            },
        },
        "backup/snapshot-gb-month": {
            what: "AWS Backup storage, Aurora and RDS snapshots",
            unit: "GB-month",
            query: {
                serviceCode: "AmazonRDS",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "ChargedBackupUsage",
                    },
                ],
            },
            prices: {
                "us-east-1": {
                    usd: "0.021",
                    source: {
                        url: "https://www.cloudexmachina.io/blog/aws-aurora-pricing",
                        copy: "2025-09-02",
                    },
                },
            },
        },
        "route53/health-check-month": {
            what: "Route 53 health check (AWS endpoint, basic)",
            unit: "health check-month",
            query: {
                serviceCode: "AmazonRoute53",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Health-Check-AWS",
                    },
                ],
            },
            prices: {
                global: {
                    usd: "0.50",
                    source: {
                        url: "https://wewantcode.com/en/course/aws/lesson/7-84-health-checks-status-check.html",
                        copy: "undated",
                    },
                },
            },
        },
        "route53/health-check-feature-month": {
            what: "Route 53 health check optional feature (HTTPS, 10-second interval, string matching, latency)",
            unit: "feature-month",
            query: {
                serviceCode: "AmazonRoute53",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Health-Check-Option-AWS",
                    },
                ],
            },
            prices: {},
        },
        "cloudfront/gb/north-america-europe": {
            what: "CloudFront data transfer out, United States and Europe (first 10 TB)",
            unit: "GB",
            query: {
                serviceCode: "AmazonCloudFront",
                filters: [
                    {
                        field: "fromLocation",
                        type: "TERM_MATCH",
                        value: "United States",
                    },
                    {
                        field: "transferType",
                        type: "TERM_MATCH",
                        value: "CloudFront Outbound",
                    },
                ],
            },
            prices: {
                global: {
                    usd: "0.085",
                    source: {
                        url: "http://aws.amazon.com/cloudfront/pricing",
                        copy: "undated",
                    },
                },
            },
        },
        "cloudfront/gb/japan": {
            what: "CloudFront data transfer out, Japan (first 10 TB)",
            unit: "GB",
            query: {
                serviceCode: "AmazonCloudFront",
                filters: [
                    {
                        field: "fromLocation",
                        type: "TERM_MATCH",
                        value: "Japan",
                    },
                    {
                        field: "transferType",
                        type: "TERM_MATCH",
                        value: "CloudFront Outbound",
                    },
                ],
            },
            prices: {
                global: {
                    usd: "0.114",
                    source: {
                        url: "http://aws.amazon.com/cloudfront/pricing",
                        copy: "undated",
                    },
                },
            },
        },
        "accelerator/hour": {
            what: "Global Accelerator fixed fee",
            unit: "hour",
            query: {
                serviceCode: "AWSGlobalAccelerator",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "Accelerator-Hours",
                    },
                ],
            },
            prices: {
                global: {
                    usd: "0.025",
                    source: {
                        url: "https://aws.amazon.com/global-accelerator/pricing/",
                        copy: "undated",
                    },
                },
            },
        },
        "accelerator/premium-gb/north-america": {
            what: "Global Accelerator data transfer premium, North America to North America",
            unit: "GB",
            query: {
                serviceCode: "AWSGlobalAccelerator",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "USE1-DTP-Out-Bytes",
                    },
                ],
            },
            prices: {
                global: {
                    usd: "0.015",
                    source: {
                        url: "https://aws.amazon.com/global-accelerator/pricing/",
                        copy: "undated",
                    },
                },
            },
        },
        "accelerator/premium-gb/europe": {
            what: "Global Accelerator data transfer premium, Europe to Europe",
            unit: "GB",
            query: {
                serviceCode: "AWSGlobalAccelerator",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "EU-DTP-Out-Bytes",
                    },
                ],
            },
            prices: {
                global: {
                    usd: "0.015",
                    source: {
                        url: "https://aws.amazon.com/global-accelerator/pricing/",
                        copy: "undated",
                    },
                },
            },
        },
        "accelerator/premium-gb/asia-pacific": {
            what: "Global Accelerator data transfer premium, Asia Pacific to Asia Pacific",
            unit: "GB",
            query: {
                serviceCode: "AWSGlobalAccelerator",
                filters: [
                    {
                        field: "usagetype",
                        type: "CONTAINS",
                        value: "AP-DTP-Out-Bytes",
                    },
                ],
            },
            prices: {
                global: {
                    usd: "0.010",
                    source: {
                        url: "https://aws.amazon.com/global-accelerator/pricing/",
                        copy: "undated",
                    },
                },
            },
        },
    },
};
// END PRICE_TABLE
