/** `*` matches any run of characters, as AWS Backup's StringLike conditions and ARN patterns do. */
export function globMatch(pattern: string, value: string | undefined): boolean {
    if (value === undefined) {
        return false;
    }
    const regex = new RegExp(
        `^${pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*")}$`,
    );
    return regex.test(value);
}
