/**
 * Host classification (loopback, link-local, ...) for the rule that tokens go only to verified or loopback servers.
 *
 * <p>Internal to jdbc-jwt: public only so that this library's other packages and modules can use it; no
 * compatibility promise, not in the javadoc jar. Applications use the API packages instead.
 */
package dev.jdbcjwt.token.net;
