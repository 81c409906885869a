package dev.jdbcjwt.jdbc.cli;

import dev.jdbcjwt.testing.TestIssuer;
import dev.jdbcjwt.testing.postgres.PostgresServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/** The self-contained jar, as a user runs it: {@code java -jar jdbc-jwt-driver-<version>-all.jar check …}. */
class StandaloneJarIT {

  private static final Path JAR = Path.of(System.getProperty("jdbcjwt.allJar", "target/missing-all.jar"));

  @Test
  void carriesItsDependenciesRelocatedAndNoOptionalOnes() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> names = Collections.list(jar.entries()).stream().map(e -> e.getName()).toList();
      assertThat(names).contains("dev/jdbcjwt/jdbc/JwtDriver.class", "META-INF/services/java.sql.Driver")
          .anyMatch(n -> n.startsWith("dev/jdbcjwt/shaded/com/nimbusds/jose/"))
          .noneMatch(n -> n.startsWith("com/nimbusds/") || n.startsWith("net/minidev/")
              || n.startsWith("com/zaxxer/") || n.startsWith("org/postgresql/"));
      assertThat(jar.getManifest().getMainAttributes().getValue("Main-Class")).isEqualTo(Main.class.getName());
    }
  }

  @Test
  void checkRunsFromTheJarWithAVendorDriverJar() throws Exception {
    PostgresServer db = PostgresServer.shared();
    db.createTokenUser("jar_user");
    TestIssuer issuer = TestIssuer.shared();
    Path key = CheckCommandTest.keyFile(issuer);
    Path pgjdbc = Path.of(org.postgresql.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString(), "check", CheckCommandTest.signedUrl(issuer, key), "--property", "user=jar_user",
        "--driver-jar", pgjdbc.toString()));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("current user: jar_user").contains("OK: the database accepted the token.")
        .doesNotContain("eyJ");
    Files.deleteIfExists(key);
  }
}
