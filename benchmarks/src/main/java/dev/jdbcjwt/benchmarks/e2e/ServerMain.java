package dev.jdbcjwt.benchmarks.e2e;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.TrustPolicy;
import dev.jdbcjwt.testing.postgres.PostgresServer;

/**
 * The server side of the end-to-end comparison, in a JVM of its own: the harness's PostgreSQL server with its
 * token-validating LDAP bridge, and the identity provider ({@link MintingIdp}), both trusting and signing with this
 * JVM's {@link TestIssuer#shared()}. So the database's token check (LDAP, RS256 verification) and the identity
 * provider's token signing, with their garbage collections, do not run in the JVM being measured, as they would not in
 * production. Prints {@code JWKS <public keys>} and {@code READY <postgres port> <idp port>}; stops both when its
 * standard input closes.
 */
public final class ServerMain {

  private ServerMain() {
  }

  public static void main(String[] args) throws Exception {
    TrustPolicy policy = TestIssuer.shared().trustPolicy();
    try (PostgresServer server = PostgresServer.start(policy); MintingIdp idp = new MintingIdp()) {
      System.out.println("JWKS " + policy.publicKeys()); // public keys only, for the MariaDB server's trust
      System.out.println("READY " + server.port() + " " + idp.port());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the measuring JVM closes our standard input (or dies)
      }
    }
  }
}
