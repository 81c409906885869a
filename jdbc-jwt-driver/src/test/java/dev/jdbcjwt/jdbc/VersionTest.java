package dev.jdbcjwt.jdbc;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The version the driver reports is the one the build wrote, not a number kept by hand. */
class VersionTest {

  @Test
  void theDriverReportsTheProjectVersion() {
    String projectVersion = System.getProperty("jdbcjwt.projectVersion");
    assertThat(projectVersion).as("set by the build (surefire)").isNotBlank();
    assertThat(Version.TEXT).isEqualTo(projectVersion);
    JwtDriver driver = JwtDriver.instance();
    assertThat(driver.getMajorVersion()).isEqualTo(Version.part(projectVersion, 0));
    assertThat(driver.getMinorVersion()).isEqualTo(Version.part(projectVersion, 1));
  }

  @Test
  void versionsSplitIntoNumbers() {
    assertThat(Version.part("1.12.3-SNAPSHOT", 0)).isEqualTo(1);
    assertThat(Version.part("1.12.3-SNAPSHOT", 1)).isEqualTo(12);
    assertThat(Version.part("2", 1)).isZero();
    assertThat(Version.part("x.y", 0)).isZero();
  }
}
