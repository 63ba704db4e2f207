/**
 * HTTP infrastructure shared by every feature: JSON in and out, the contract's error answers, and the
 * encoding of server-sent events once per event. Knows no feature.
 */
package ssechat.http;
