package dev.jdbcjwt.spring.boot.autoconfigure;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The jar of one Spring Boot line in an application of the other fails its start and names the right starter. */
class SpringBootLineCheckTest {

  @Test
  void theBoot4JarInABoot3ApplicationNamesTheBoot3Starter() {
    assertThat(SpringBootLineCheck.mismatch(4, "3.5.7")).hasValue("jdbc-jwt: jdbc-jwt-spring-boot-starter is for "
        + "Spring Boot 4, and this application runs Spring Boot 3.5.7: use dev.jdbcjwt:jdbc-jwt-spring-boot3-starter "
        + "instead (docs/spring-boot.md, Spring Boot lines)");
    assertThat(SpringBootLineCheck.mismatch(4, "2.7.18")).get().asString().contains("Spring Boot 2 is not supported");
  }

  @Test
  void theBoot3JarInABoot4ApplicationNamesTheBoot4Starter() {
    assertThat(SpringBootLineCheck.mismatch(3, "4.0.7")).get().asString()
        .startsWith("jdbc-jwt: jdbc-jwt-spring-boot3-starter is for Spring Boot 3.5, and this application runs "
            + "Spring Boot 4.0.7: use dev.jdbcjwt:jdbc-jwt-spring-boot-starter instead");
  }

  @Test
  void theRightLineAndAnUnknownVersionPass() {
    assertThat(SpringBootLineCheck.mismatch(4, "4.1.2")).isEmpty();
    assertThat(SpringBootLineCheck.mismatch(4, "5.0.0-M1")).isEmpty();
    assertThat(SpringBootLineCheck.mismatch(3, "3.5.7")).isEmpty();
    assertThat(SpringBootLineCheck.mismatch(4, null)).isEmpty();
    assertThat(SpringBootLineCheck.mismatch(3, "snapshot")).isEmpty();
  }

  @Test
  void bothLinesJarsOnTheClassPathNameTheOneToKeep() throws Exception {
    URL boot4 = URI.create("file:/app/lib/jdbc-jwt-spring-boot-autoconfigure.jar").toURL();
    URL boot3 = URI.create("file:/app/lib/jdbc-jwt-spring-boot3-autoconfigure.jar").toURL();
    assertThat(SpringBootLineCheck.bothLines(List.of(boot4, boot3), "3.5.7")).get().asString()
        .contains("2 times")
        .contains("keep only jdbc-jwt-spring-boot3-starter for this application's Spring Boot 3.5.7");
    assertThat(SpringBootLineCheck.bothLines(List.of(boot4, boot3), "4.1.2")).get().asString()
        .contains("keep only jdbc-jwt-spring-boot-starter for this application's Spring Boot 4.1.2");
    assertThat(SpringBootLineCheck.bothLines(List.of(boot4), "4.1.2")).isEmpty();
  }
}
