/**
 * Geographies a Route 53 geolocation record answers for: a continent, a country, or `*` for every location no
 * other record names. Route 53 API Reference, GeoLocation
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_GeoLocation.html) and ResourceRecordSet
 * (https://docs.aws.amazon.com/Route53/latest/APIReference/API_ResourceRecordSet.html, "The value * in the CountryCode element").
 */

/** Route 53's continent codes (GeoLocation ContinentCode). They win over the country codes they collide with (AS). */
export const CONTINENTS: readonly string[] = ["AF", "AN", "AS", "EU", "NA", "OC", "SA"];

/**
 * Country codes as Route 53 takes them (GeoLocation CountryCode): ISO 3166-1 alpha-2, so the United Kingdom is GB
 * (https://www.iso.org/iso-3166-country-codes.html).
 */
export const COUNTRIES: ReadonlySet<string> = new Set(
    (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ " +
        "BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR " +
        "CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU " +
        "ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ " +
        "LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ " +
        "MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF " +
        "PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI " +
        "SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR " +
        "TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW"
    ).split(" "),
);

/** The location of every query no other geolocation record of the name matches. */
export const DEFAULT_LOCATION = "*";

export function isContinent(code: string): boolean {
    return CONTINENTS.includes(code);
}

/** Whether `code` is a geography Route 53 geolocation routing takes: a continent, a country or `*`. */
export function isGeoCode(code: string): boolean {
    return code === DEFAULT_LOCATION || isContinent(code) || COUNTRIES.has(code);
}
