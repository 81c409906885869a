/**
 * The {@code exec} provider: runs a command and reads the token from its output.
 *
 * <p>Internal to jdbc-jwt: public only so that this library's other packages and modules can use it; no
 * compatibility promise, not in the javadoc jar. Applications use the API packages instead.
 */
package dev.jdbcjwt.token.providers.exec;
