import { createHash } from "node:crypto";
import { PLAN_ACCOUNT_ID } from "../../cli/src/engine/invokes";

/**
 * Outputs a resource would have after `pulumi up`: its inputs plus plausible ids, ARNs and names, so
 * that documents built from other resources' outputs (IAM policies, container definitions) resolve.
 * The capture worker loads this module for tests that read such documents (`outputsModule`); `dr plan` stays a
 * preview, with those outputs unknown.
 */
export function outputsOf(type: string, name: string, inputs: Record<string, any>, defaultRegion: string): Record<string, unknown> {
    const region: string = inputs.region ?? defaultRegion;
    const [pkg, path] = type.split(":");
    const service = (path ?? "").split("/")[0];
    const short = createHash("sha256").update(`${type}::${name}`).digest("hex");
    const outputs: Record<string, unknown> = { region, name: inputs.name ?? name, ...inputs };
    if (pkg === "random") {
        return { ...outputs, hex: short.slice(0, 8), b64Url: short.slice(0, 11), result: short.slice(0, 16) };
    }
    switch (type) {
        case "aws:s3/bucket:Bucket":
            return { ...outputs, bucket: inputs.bucket ?? name, arn: `arn:aws:s3:::${inputs.bucket ?? name}` };
        case "aws:iam/role:Role":
            return { ...outputs, arn: `arn:aws:iam::${PLAN_ACCOUNT_ID}:role/${name}` };
        case "aws:kms/key:Key":
            return {
                ...outputs,
                arn: `arn:aws:kms:${region}:${PLAN_ACCOUNT_ID}:key/${short.slice(0, 8)}-${short.slice(8, 12)}-${short.slice(12, 16)}-${short.slice(16, 20)}-${short.slice(20, 32)}`,
            };
        case "aws:backup/vault:Vault":
            return { ...outputs, arn: `arn:aws:backup:${region}:${PLAN_ACCOUNT_ID}:backup-vault:${inputs.name ?? name}` };
        case "aws:lb/loadBalancer:LoadBalancer":
            return {
                ...outputs,
                dnsName: `${name}-${short.slice(0, 8)}.${region}.elb.amazonaws.com`,
                zoneId: `Z${short.slice(0, 12).toUpperCase()}`,
                arn: `arn:aws:elasticloadbalancing:${region}:${PLAN_ACCOUNT_ID}:loadbalancer/app/${name}/${short.slice(0, 16)}`,
            };
        case "aws:acm/certificate:Certificate":
            return {
                ...outputs,
                arn: `arn:aws:acm:${region}:${PLAN_ACCOUNT_ID}:certificate/${short.slice(0, 8)}`,
                domainValidationOptions: [
                    {
                        domainName: inputs.domainName,
                        resourceRecordName: `_${short.slice(0, 8)}.${inputs.domainName}.`,
                        resourceRecordType: "CNAME",
                        resourceRecordValue: `_${short.slice(8, 16)}.acm-validations.aws.`,
                    },
                ],
            };
        case "aws:acm/certificateValidation:CertificateValidation":
            return outputs;
        case "aws:rds/cluster:Cluster":
        case "aws:rds/instance:Instance": {
            const arn = `arn:aws:${service}:${region}:${PLAN_ACCOUNT_ID}:${service}/${name}`;
            // A managed master password lives in a secret RDS keeps (MasterUserSecret in DescribeDBClusters and
            // DescribeDBInstances: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_MasterUserSecret.html).
            const secretArn = `arn:aws:secretsmanager:${region}:${PLAN_ACCOUNT_ID}:secret:rds!${name}-${short.slice(0, 6)}`;
            return inputs.manageMasterUserPassword
                ? { ...outputs, arn, masterUserSecrets: [{ kmsKeyId: inputs.masterUserSecretKmsKeyId, secretArn, secretStatus: "active" }] }
                : { ...outputs, arn };
        }
        case "aws:route53/record:Record":
            return { ...outputs, fqdn: inputs.name };
        default:
            return { ...outputs, arn: `arn:aws:${service}:${region}:${PLAN_ACCOUNT_ID}:${service}/${name}` };
    }
}
