package dev.jdbcjwt.jdbc;

import dev.jdbcjwt.testing.TestIssuer;

import java.util.Properties;

/** Connection properties for user {@code app} with tokens signed here by the shared {@link TestIssuer}. */
final class SignedProperties {

  private SignedProperties() {
  }

  static Properties forApp() {
    TestIssuer issuer = TestIssuer.shared();
    Properties p = new Properties();
    p.setProperty("user", "app");
    p.setProperty("jwt.provider", "signed");
    p.setProperty("jwt.signingKey", issuer.privateKeyPem());
    p.setProperty("jwt.issuer", issuer.issuer());
    p.setProperty("jwt.audience", issuer.audience());
    return p;
  }
}
