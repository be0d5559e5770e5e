import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CellRoutingPolicy, RoutingOutputs, Tier, isContinent } from "../../policies/catalog";
import { Registered } from "../registered";
import { RegionalCell } from "./regionalCell";

/** Active-active serves from the nearest healthy region, standby tiers fail over, backup & restore has one region to serve from. */
export function cellRoutingPolicy(tier: Tier): CellRoutingPolicy {
    switch (tier) {
        case "active-active":
            return "latency";
        case "warm-standby":
        case "pilot-light":
            return "failover";
        case "backup-restore":
            return "simple";
    }
}

/** Seconds between Route 53 health checks: the fast interval where the tier promises a recovery in minutes. */
export function healthCheckInterval(tier: Tier): 10 | 30 {
    return tier === "active-active" || tier === "warm-standby" ? 10 : 30;
}

/** The Route 53 location of a `dr:routing.geo` code: a continent, a country, or `*` (the default location). */
export function geoLocation(code: string): { continent: string } | { country: string } {
    return isContinent(code) ? { continent: code } : { country: code };
}

export interface GlobalRoutingArgs {
    /** Stack name: the cell the geolocation records pin their geographies to. */
    cell: string;
    /** The cell's DR strategy, which picks latency, failover or a single record behind the cell's name. */
    tier: Tier;
    /** The shared public zone, looked up by the program (never created here). */
    zoneId: pulumi.Input<string>;
    /** The name users resolve, shared by every cell. */
    hostName: string;
    /** Continent codes, country codes or `*` that this cell answers for. */
    geo: string[];
    /** Whether Route 53 health checks guard the cell's records. */
    healthCheck: boolean;
    /** The cell's regions; those with a load balancer are the targets. */
    cells: RegionalCell[];
    /**
     * A region that leaves the latency records at night (dr:nightMode): its record is guarded by a gate that the night
     * mode's schedules close, and that opens by itself when the home region fails.
     */
    gatedRegion?: string;
    /** Tags for the health checks. */
    tags: Record<string, string>;
}

/** The gate's threshold by day: one healthy child (the region itself, or the home region down) keeps the region in. */
export const GATE_OPEN = 1;
/** At night: both — the region healthy and the home region down — so it serves only when home is lost. */
export const GATE_NIGHT = 2;

/**
 * Route 53 in the shared zone: geolocation records send each geography in `geo` to this cell's own
 * name (`<cell>.<hostName>`), and that name resolves to the cell's load balancers by tier — latency
 * between active-active peers, PRIMARY/SECONDARY failover for standby tiers, one record for backup &
 * restore — guarded by an HTTPS health check per load balancer.
 */
export class GlobalRouting extends pulumi.ComponentResource {
    /** The cell's own name, the alias target of every geolocation record of this cell. */
    readonly cellName: string;
    readonly routingPolicy: CellRoutingPolicy;
    /** Health check per region with a load balancer; empty when `healthCheck` is false. */
    readonly healthChecks: ReadonlyMap<string, aws.route53.HealthCheck>;
    /** The night gate of `gatedRegion`'s record, if any: the calculated health check whose threshold the night mode moves. */
    readonly gate?: aws.route53.HealthCheck;

    constructor(name: string, args: GlobalRoutingArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:routing:GlobalRouting", name, {}, opts);
        this.cellName = `${args.cell}.${args.hostName}`;
        this.routingPolicy = cellRoutingPolicy(args.tier);
        const parent = { parent: this };

        const targets = args.cells.flatMap((cell) =>
            cell.loadBalancer ? [{ region: cell.region, role: cell.role, loadBalancer: cell.loadBalancer }] : [],
        );
        const healthChecks = new Map<string, aws.route53.HealthCheck>();
        if (args.healthCheck) {
            for (const { region, loadBalancer } of targets) {
                healthChecks.set(
                    region,
                    new aws.route53.HealthCheck(
                        `${name}-${region}`,
                        {
                            type: "HTTPS",
                            fqdn: loadBalancer.dnsName,
                            port: 443,
                            resourcePath: "/health",
                            enableSni: true,
                            failureThreshold: 3,
                            requestInterval: healthCheckInterval(args.tier),
                            tags: { ...args.tags, Name: `${args.cell}-${region}` },
                        },
                        parent,
                    ),
                );
            }
        }
        this.healthChecks = healthChecks;
        this.gate = args.gatedRegion ? this.nightGate(name, args, targets, healthChecks, args.gatedRegion) : undefined;

        // Backup & restore serves from the home region only, whatever else the cell holds.
        const served = this.routingPolicy === "simple" ? targets.filter((t) => t.role === "primary") : targets;
        const cellRecords = served.map(({ region, role, loadBalancer }) => {
            const alias = { name: loadBalancer.dnsName, zoneId: loadBalancer.zoneId, evaluateTargetHealth: true };
            const record: aws.route53.RecordArgs = { zoneId: args.zoneId, name: this.cellName, type: "A", aliases: [alias] };
            if (this.routingPolicy === "simple") {
                // A simple record takes no health check: the check still runs, for the alarm.
                return new aws.route53.Record(`${name}-${region}`, record, parent);
            }
            const policy =
                this.routingPolicy === "latency"
                    ? { latencyRoutingPolicies: [{ region }] }
                    : { failoverRoutingPolicies: [{ type: role === "primary" ? "PRIMARY" : "SECONDARY" }] };
            return new aws.route53.Record(
                `${name}-${region}`,
                {
                    ...record,
                    ...policy,
                    setIdentifier: `${args.cell}-${region}`,
                    healthCheckId: (region === args.gatedRegion ? this.gate : healthChecks.get(region))?.id,
                },
                parent,
            );
        });

        for (const code of args.geo) {
            const label = code === "*" ? "default" : code.toLowerCase();
            new aws.route53.Record(
                `${name}-geo-${label}`,
                {
                    zoneId: args.zoneId,
                    name: args.hostName,
                    type: "A",
                    setIdentifier: `${args.cell}-geo-${label}`,
                    geolocationRoutingPolicies: [geoLocation(code)],
                    // Never evaluated: an unhealthy cell must not spill its geography over to the default location's cell.
                    aliases: [{ name: this.cellName, zoneId: args.zoneId, evaluateTargetHealth: false }],
                },
                // Route 53 rejects an alias to a name that does not exist yet.
                { parent: this, dependsOn: cellRecords },
            );
        }

        const outputs: Registered<RoutingOutputs> = {
            hostName: args.hostName,
            cellName: this.cellName,
            geo: args.geo,
            routingPolicy: this.routingPolicy,
            targetRegions: served.map((t) => t.region),
            healthCheckIds: Object.fromEntries([...healthChecks].map(([region, check]) => [region, check.id])),
        };
        this.registerOutputs(outputs);
    }

    /**
     * The gate of a region that leaves the latency records at night: a calculated health check whose children are the
     * region's own check and an inverted check of the home region's load balancer (healthy while home is down). By
     * day it needs one healthy child, so the region serves whenever it is healthy; at night the schedules raise the
     * threshold to two, so it serves only once the home region is lost — Route 53 opens the gate itself, no schedule,
     * plan or person has to. Route 53 counts a calculated check healthy when at least its HealthThreshold children are.
     * https://docs.aws.amazon.com/Route53/latest/APIReference/API_UpdateHealthCheck.html
     * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html
     */
    private nightGate(
        name: string,
        args: GlobalRoutingArgs,
        targets: { region: string; role: string; loadBalancer: aws.lb.LoadBalancer }[],
        healthChecks: Map<string, aws.route53.HealthCheck>,
        region: string,
    ): aws.route53.HealthCheck {
        const home = targets.find((t) => t.role === "primary");
        const own = healthChecks.get(region);
        if (!home || !own) {
            throw new Error(`GlobalRouting ${name}: gating ${region} needs health checks on it and on the home region's load balancer`);
        }
        const parent = { parent: this };
        const homeDown = new aws.route53.HealthCheck(
            `${name}-${home.region}-down`,
            {
                type: "HTTPS",
                fqdn: home.loadBalancer.dnsName,
                port: 443,
                resourcePath: "/health",
                enableSni: true,
                failureThreshold: 3,
                requestInterval: healthCheckInterval(args.tier),
                invertHealthcheck: true,
                tags: { ...args.tags, Name: `${args.cell}-${home.region}-down` },
            },
            parent,
        );
        return new aws.route53.HealthCheck(
            `${name}-${region}-gate`,
            {
                type: "CALCULATED",
                childHealthchecks: [own.id, homeDown.id],
                childHealthThreshold: GATE_OPEN,
                tags: { ...args.tags, Name: `${args.cell}-${region}-gate` },
            },
            // The night mode's schedules move the threshold twice a day: an update at night must not reopen the gate.
            { parent: this, ignoreChanges: ["childHealthThreshold"] },
        );
    }
}
