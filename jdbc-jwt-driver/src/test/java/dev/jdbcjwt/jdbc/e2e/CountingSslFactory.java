package dev.jdbcjwt.jdbc.e2e;

import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

import org.postgresql.ssl.LibPQFactory;
import org.postgresql.util.PSQLException;

/** A user's own pgjdbc {@code sslfactory} (pgjdbc's LibPQFactory underneath) that counts its instances. */
public final class CountingSslFactory extends LibPQFactory {

  static final AtomicInteger INSTANCES = new AtomicInteger();

  public CountingSslFactory(Properties info) throws PSQLException {
    super(info);
    INSTANCES.incrementAndGet();
  }
}
