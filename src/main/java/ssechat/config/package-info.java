/**
 * Configuration: every setting of sse-chat, read through MicroProfile Config in one class. Knows no feature.
 */
package ssechat.config;
