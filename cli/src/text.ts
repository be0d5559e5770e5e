/**
 * How dr quotes values and clips user text in messages: the DR catalog's functions, so the pack, the program
 * and dr bound a value the same way. The one door through which CLI code reaches them.
 */
export { clip, quote } from "../../policies/catalog/quote";
