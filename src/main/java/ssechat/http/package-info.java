/**
 * HTTP infrastructure shared by every feature: JSON in and out, the contract's error answers, the
 * address a request really comes from, and the encoding of server-sent events once per event.
 * Knows no feature; may use config.
 */
package ssechat.http;
