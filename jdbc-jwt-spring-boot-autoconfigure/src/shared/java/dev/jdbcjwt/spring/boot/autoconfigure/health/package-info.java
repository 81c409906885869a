/**
 * The Actuator health indicator of the token sources ({@code jdbcJwt}): up while every source has a usable token.
 *
 * <p>Public API: covered by the compatibility promise, documented in the javadoc jar.
 */
package dev.jdbcjwt.spring.boot.autoconfigure.health;
