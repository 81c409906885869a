/**
 * PostgreSQL 18+ native OAuth: the pgjdbc socket and SSL factories that interpose on the startup phase and answer
 * SASL {@code OAUTHBEARER} with the token.
 *
 * <p>Internal to jdbc-jwt: public only because pgjdbc instantiates the factories by class name; no compatibility
 * promise, not in the javadoc jar. Applications use the API packages instead.
 */
package dev.jdbcjwt.jdbc.internal.postgres;
