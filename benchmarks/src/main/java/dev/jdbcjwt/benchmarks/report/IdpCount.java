package dev.jdbcjwt.benchmarks.report;

/**
 * Identity-provider requests during one scenario: {@code connections} opened by {@code threads} threads, the requests
 * the IdP saw, and the tokens the cache fetched or refreshed (each should have cost exactly one request).
 */
public record IdpCount(String scenario, int connections, int threads, long idpRequests, long tokensObtained,
    long expectedRequests, int failures, double seconds, String note) {

  /** Tokens rotate during the scenario (each refresh should cost one request), rather than one cold fetch. */
  public boolean rotating() {
    return scenario.contains("rotating");
  }

  /** Requests per 10,000 connections. */
  public double per10k() {
    return connections == 0 ? Double.NaN : idpRequests * 10_000.0 / connections;
  }
}
