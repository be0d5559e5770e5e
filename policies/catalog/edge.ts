/**
 * What the program and the pack share about the edge: CloudFront's managed policies by id, what a behavior caches when
 * it sets no TTLs, and where Global Accelerator's API lives.
 */

/**
 * CloudFront's managed cache policies: CachingDisabled (minimum, default and maximum TTL 0: nothing is cached) and
 * CachingOptimized (caches for up to a year, no cookies, headers or query strings in the key). Neither keys on, or
 * forwards, anything of the viewer.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
 */
export const MANAGED_CACHE_POLICIES = {
    cachingDisabled: "4135ea2d-6df8-44a3-9df3-4b5a84be39ad",
    cachingOptimized: "658327ea-f89d-4fab-a63d-7e88639e58f6",
} as const;

/**
 * The managed origin request policy AllViewerExceptHostHeader: every viewer header, cookie and query string reaches the
 * origin but Host, which CloudFront sets to the origin's name (the name its certificate covers).
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-origin-request-policies.html
 */
export const ALL_VIEWER_EXCEPT_HOST_HEADER = "b689b0a8-53d0-40ab-baf2-68738e2966ac";

/** The managed response headers policy SecurityHeadersPolicy (HSTS among them). https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-response-headers-policies.html */
export const SECURITY_HEADERS_POLICY = "67f7725c-6f97-4210-82d7-5512b31e9d03";

/**
 * What a behavior with no cache policy (legacy cache settings) caches for when it sets no TTLs: a day by default, up to
 * a year when the origin asks. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistValuesCacheBehavior.html#DownloadDistValuesDefaultTTL
 */
export const LEGACY_DEFAULT_TTL = 86400;
export const LEGACY_MAX_TTL = 31536000;

/**
 * The methods a behavior that targets an origin group may allow: CloudFront rejects POST, PUT, PATCH and DELETE there
 * ("InvalidArgument: The parameter AllowedMethods cannot include POST, PUT, PATCH, or DELETE for a cached behavior
 * associated with an origin group"), and fails over only GET, HEAD and OPTIONS requests.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html
 */
export const ORIGIN_GROUP_METHODS = ["GET", "HEAD", "OPTIONS"] as const;

/**
 * Global Accelerator is global, but its API is served from US West (Oregon) only: "you must specify the US West
 * (Oregon) Region to create, update, or otherwise work with accelerators".
 * https://docs.aws.amazon.com/global-accelerator/latest/api/Welcome.html
 */
export const GLOBAL_ACCELERATOR_API_REGION = "us-west-2";

/** CloudFront takes certificates from ACM in US East (N. Virginia) only. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html */
export const CLOUDFRONT_CERTIFICATE_REGION = "us-east-1";
