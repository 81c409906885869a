package dev.jdbcjwt.token.cache;

import dev.jdbcjwt.token.Token;
import dev.jdbcjwt.token.TokenException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Something that happened to a token cache, for logs, metrics and pools. Carries the token's metadata (its
 * {@code toString()} never shows the value) and, for failures, the error and when the next attempt is due.
 *
 * @param type what happened
 * @param cache the cache's label (provider and user; never a secret)
 * @param at when it happened
 * @param token the token concerned: the new one for FETCHED/REFRESHED, the old one for EXPIRED/INVALIDATED, the
 *     still-served one (if any) for REFRESH_FAILED, the one served for SERVED_SHORT
 * @param error the failure, for REFRESH_FAILED (and SERVED_SHORT after a failed or timed-out refresh)
 * @param attempt the number of consecutive failures, for REFRESH_FAILED
 * @param nextAttemptIn the delay before the next attempt, for REFRESH_FAILED
 * @param latency how long the token source took, for FETCHED, REFRESHED and REFRESH_FAILED
 */
public record TokenEvent(Type type, String cache, Instant at, Optional<Token> token, Optional<TokenException> error,
    int attempt, Duration nextAttemptIn, Duration latency) {

  /** What happened. */
  public enum Type {
    /** The first token of a cache, or the first after an expiry or invalidation. */
    FETCHED,
    /** A new token replaced a still-valid one ahead of its expiry. */
    REFRESHED,
    /** Getting a token failed; the current token (if still valid) keeps being served. */
    REFRESH_FAILED,
    /** The current token expired before a new one could be had. */
    EXPIRED,
    /** The current token was dropped because the database refused it. */
    INVALIDATED,
    /**
     * A connect asked for a token with more usable life left than the current one has ({@code jwt.minTokenLife}), and
     * no fresher token came (the refresh failed, timed out, or the source is backing off after a failure), so it got
     * the current one, still usable; reported once per token. {@code error} is the refresh's failure or timeout, if it
     * was tried.
     */
    SERVED_SHORT
  }
}
