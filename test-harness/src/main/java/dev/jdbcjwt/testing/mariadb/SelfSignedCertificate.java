package dev.jdbcjwt.testing.mariadb;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** A throw-away TLS certificate and key for a test server (self-signed, P-256, for 127.0.0.1 and localhost, made by
 * {@code openssl}); used by the MariaDB and the PostgreSQL 18 servers. */
public record SelfSignedCertificate(Path certificate, Path privateKey) {

  public static SelfSignedCertificate create(Path openssl, Path dir) {
    Path cert = dir.resolve("server-cert.pem");
    Path key = dir.resolve("server-key.pem");
    Commands.Result result = Commands.run(dir, Duration.ofSeconds(30), List.of(
        openssl.toString(), "req", "-x509", "-nodes",
        "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
        "-keyout", key.toString(), "-out", cert.toString(),
        "-days", "30", "-subj", "/CN=127.0.0.1",
        "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
    if (!result.ok()) {
      throw new IllegalStateException("openssl could not create the test server's TLS certificate (exit "
          + result.exitCode() + "):\n" + result.output());
    }
    return new SelfSignedCertificate(cert, key);
  }
}
