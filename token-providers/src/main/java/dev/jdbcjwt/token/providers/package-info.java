/**
 * The built-in token providers ({@code jwt.provider} values), registered through {@link java.util.ServiceLoader}, and
 * their shared helpers (signing keys, redaction).
 *
 * <p>Internal to jdbc-jwt: public only so that this library's other packages and modules can use it; no
 * compatibility promise, not in the javadoc jar. Applications use the API packages instead.
 */
package dev.jdbcjwt.token.providers;
