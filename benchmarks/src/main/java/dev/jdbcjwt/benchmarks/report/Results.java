package dev.jdbcjwt.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, in the order it is reported. */
public final class Results {

  public final Map<String, Object> machine = new LinkedHashMap<>();
  public final Map<String, Object> settings = new LinkedHashMap<>();
  /** Software versions: databases, vendor drivers, the AWS wrapper, HikariCP. */
  public final Map<String, String> versions = new LinkedHashMap<>();
  public final List<MicroResult> micro = new ArrayList<>();
  public final List<Group> groups = new ArrayList<>();
  public final List<Row> rows = new ArrayList<>();
  public final List<IdpCount> idp = new ArrayList<>();
  public final List<Skip> skipped = new ArrayList<>();
  /** Facts the targets are judged on that are not a row: counts of IdP requests in a section, physical logins. */
  public final Map<String, Object> facts = new LinkedHashMap<>();
  public final List<Target> targets = new ArrayList<>();
  public String startedAt;
  public double seconds;
  public double microSeconds;
  public double endToEndSeconds;

  public List<Row> rows(String group) {
    return rows.stream().filter(r -> r.group().equals(group)).toList();
  }

  public java.util.Optional<Row> row(String group, String variant) {
    return rows.stream().filter(r -> r.group().equals(group) && r.variant().equals(variant)).findFirst();
  }

  public java.util.Optional<MicroResult> micro(String name) {
    return micro.stream().filter(m -> m.name().equals(name)).findFirst();
  }
}
