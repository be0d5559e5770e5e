import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { GLOBAL_ACCELERATOR_API_REGION } from "../../policies/catalog";
import { awsName } from "../names";
import { RegionalCell } from "./regionalCell";

export interface GlobalAcceleratorArgs {
    /** Stack name: the accelerator's name. */
    cell: string;
    /** The cell's regions; each with a load balancer gets an endpoint group. */
    cells: RegionalCell[];
    /** Whether both regions take traffic (active-active); otherwise the DR region's takes it only when the home region's fails. */
    activeActive: boolean;
    /** Tags for the accelerator. */
    tags: Record<string, string>;
}

/**
 * Global Accelerator in front of the cell's load balancers: two static anycast addresses, a TCP listener on 80 and
 * 443 (TLS passes through to the load balancers: no edge location sees a request's content), and an endpoint group per
 * region with its load balancer, client addresses preserved. A load balancer endpoint is as healthy as its target
 * group's health checks say, and a group with no healthy endpoint fails over to the next one even at a traffic dial of
 * 0: so an active-active cell dials both regions to 100, a standby tier its DR region to 0. Traffic moves without
 * waiting for any resolver's DNS cache. Its API lives in us-west-2 only, so its resources take a provider there.
 * https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoints-endpoint-weights.unhealthy-endpoints.html
 * https://docs.aws.amazon.com/global-accelerator/latest/dg/about-endpoint-groups-health-check-options.html
 */
export class GlobalAccelerator extends pulumi.ComponentResource {
    readonly accelerator: aws.globalaccelerator.Accelerator;

    constructor(name: string, args: GlobalAcceleratorArgs, opts?: pulumi.ComponentResourceOptions) {
        super("dr:routing:GlobalAccelerator", name, {}, opts);
        // GA resources take no region input: their region is their provider's.
        const provider = new aws.Provider(`${name}-api`, { region: GLOBAL_ACCELERATOR_API_REGION }, { parent: this });
        const inApiRegion = { parent: this, provider };
        this.accelerator = new aws.globalaccelerator.Accelerator(
            name,
            {
                // Up to 64 letters, digits, periods and hyphens. https://docs.aws.amazon.com/global-accelerator/latest/api/API_CreateAccelerator.html
                name: awsName([args.cell, "cell"], { max: 64, allowed: /[A-Za-z0-9-]/, separator: "-" }),
                ipAddressType: "IPV4",
                enabled: true,
                tags: args.tags,
            },
            inApiRegion,
        );
        const listener = new aws.globalaccelerator.Listener(
            name,
            {
                acceleratorArn: this.accelerator.arn,
                protocol: "TCP",
                portRanges: [
                    { fromPort: 80, toPort: 80 },
                    { fromPort: 443, toPort: 443 },
                ],
                clientAffinity: "NONE",
            },
            inApiRegion,
        );
        for (const cell of args.cells) {
            if (!cell.loadBalancer) {
                continue;
            }
            new aws.globalaccelerator.EndpointGroup(
                `${name}-${cell.region}`,
                {
                    listenerArn: listener.arn,
                    endpointGroupRegion: cell.region,
                    trafficDialPercentage: cell.role === "primary" || args.activeActive ? 100 : 0,
                    endpointConfigurations: [{ endpointId: cell.loadBalancer.arn, weight: 100, clientIpPreservationEnabled: true }],
                },
                inApiRegion,
            );
        }
        this.registerOutputs({ dnsName: this.accelerator.dnsName, hostedZoneId: this.accelerator.hostedZoneId });
    }
}
