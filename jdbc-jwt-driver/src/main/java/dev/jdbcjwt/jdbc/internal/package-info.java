/**
 * The driver's engine: URL parsing, the connect plan, credential injection, the TLS rule and the connection wrapper.
 *
 * <p>Internal to jdbc-jwt: public only so that this library's other packages and modules can use it; no
 * compatibility promise, not in the javadoc jar. Applications use the API packages instead.
 */
package dev.jdbcjwt.jdbc.internal;
