/**
 * Providers that take tokens from the host's cloud identity: Azure managed identity, GCP metadata, Amazon RDS IAM.
 *
 * <p>Internal to jdbc-jwt: public only so that this library's other packages and modules can use it; no
 * compatibility promise, not in the javadoc jar. Applications use the API packages instead.
 */
package dev.jdbcjwt.token.providers.cloud;
