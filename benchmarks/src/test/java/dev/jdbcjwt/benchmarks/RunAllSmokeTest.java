package dev.jdbcjwt.benchmarks;

import com.github.tomakehurst.wiremock.common.Json;
import dev.jdbcjwt.benchmarks.e2e.Names;
import dev.jdbcjwt.benchmarks.report.IdpCount;
import dev.jdbcjwt.benchmarks.report.Results;
import dev.jdbcjwt.benchmarks.report.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark for a few seconds ({@code preset=smoke}) against the real servers and checks that both reports
 * are written with sane contents. Timings are never asserted: they are what the benchmarks report, not what they test.
 */
class RunAllSmokeTest {

  @Test
  void aShortRunMeasuresEveryPartAndWritesBothReports(@TempDir Path out) throws Exception {
    Results r = RunAll.run(Settings.parse(new String[] {"preset=smoke", "out=" + out}));

    assertThat(r.micro).extracting(m -> m.name()).contains("TokenCacheBenchmark.warmHit",
        "ConnectBenchmark.jwtStubConnect", "ConnectBenchmark.rawStubConnect", "UrlParsingBenchmark.parseRequest",
        "WrapperBenchmark.wrappedGetAutoCommit", "PoolBorrowBenchmark.jwtBorrowReturn");
    assertThat(r.micro).allSatisfy(m -> assertThat(m.score()).isPositive());

    for (String group : List.of(Names.PG_CONNECT_TOKEN, Names.PG_CONNECT_TRUST, Names.PG_SELECT_1,
        Names.PG_SELECT_100, Names.HIKARI_BORROW)) {
      assertThat(r.rows(group)).as(group).hasSizeGreaterThanOrEqualTo(2);
    }
    assertThat(r.row(Names.PG_CONNECT_TOKEN, Names.JWT)).isPresent();
    assertThat(r.row(Names.PG_CONNECT_TOKEN, Names.AWS)).isPresent();
    assertThat(r.row(Names.PG_SELECT_1, Names.AWS)).hasValueSatisfying(
        row -> assertThat(row.comparedWith()).isEqualTo(Names.RAW_UNDER_AWS));
    if (r.rows(Names.MARIADB_CONNECT).isEmpty()) {
      assertThat(r.skipped).anySatisfy(s -> assertThat(s.what()).startsWith("MariaDB"));
    }
    for (Row row : r.rows) {
      assertThat(row.samples()).as(row.toString()).isPositive();
      assertThat(row.medianMicros()).as(row.toString()).isPositive();
      assertThat(row.p99Micros()).as(row.toString()).isGreaterThanOrEqualTo(row.medianMicros());
      assertThat(row.ratioMedian()).as(row.toString()).isPositive().isFinite();
      if (row.baseline()) {
        assertThat(row.ratioMedian()).isEqualTo(1.0);
        assertThat(row.comparedWith()).isEqualTo(row.variant());
      }
    }

    // counts, not timings: the single-flight and refresh-ahead guarantees
    assertThat(r.idp).hasSize(3);
    for (IdpCount c : r.idp) {
      assertThat(c.failures()).as(c.toString()).isZero();
      assertThat(c.idpRequests()).as(c.toString()).isEqualTo(c.tokensObtained()).isPositive();
    }
    assertThat(r.facts).containsEntry("idpRequestsDuringConnectMeasurements", 0L);

    assertThat(r.targets).hasSize(16).allSatisfy(t -> assertThat(t.measured()).isNotBlank());

    String markdown = Files.readString(out.resolve("results.md"));
    assertThat(markdown).contains("## Targets", "## End to end", "| " + Names.JWT + " |",
        "## Identity-provider requests", "## Microbenchmarks");
    @SuppressWarnings("unchecked")
    Map<String, Object> json = Json.read(Files.readString(out.resolve("results.json")), Map.class);
    assertThat(json).containsKeys("machine", "settings", "targets", "rows", "idp", "micro", "versions")
        .containsEntry("schema", "jdbc-jwt-benchmarks/1");
    assertThat((List<?>) json.get("rows")).hasSize(r.rows.size());
    assertThat((List<?>) json.get("targets")).hasSize(r.targets.size());
  }
}
