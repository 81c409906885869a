package dev.jdbcjwt.jdbc.pool;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;

import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * Agroal configured as Quarkus configures it (its default validator, which calls {@code isValid}; background
 * validation; a maximum lifetime; the jwt.* options as additional JDBC properties), with validation on borrow, the
 * setting that keeps a connection whose token expired from being handed out.
 */
class AgroalExpiryTest extends PoolExpiryContract {

  @Override
  DataSource open(String url, String user, Properties jwt, int maxSize) throws Exception {
    AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
        .connectionPoolConfiguration(pool -> pool
            .maxSize(maxSize)
            .acquisitionTimeout(Duration.ofSeconds(30)) // a saturated pool on busy cores may wait; failing counts
            .connectionValidator(ConnectionValidator.defaultValidator()) // Connection.isValid
            .validateOnBorrow(true)                    // quarkus.datasource.jdbc.validate-on-borrow=true
            .validationTimeout(Duration.ofSeconds(1))  // quarkus.datasource.jdbc.background-validation-interval
            .maxLifetime(Duration.ofMinutes(10))       // quarkus.datasource.jdbc.max-lifetime
            .connectionFactoryConfiguration(factory -> {
              factory.connectionProviderClassName("dev.jdbcjwt.jdbc.JwtDriver")
                  .jdbcUrl(url)
                  .principal(new NamePrincipal(user));
              // quarkus.datasource.jdbc.additional-jdbc-properties.<name>
              jwt.stringPropertyNames().forEach(name -> factory.jdbcProperty(name, jwt.getProperty(name)));
              return factory;
            }));
    return AgroalDataSource.from(config);
  }

  @Override
  void close(DataSource pool) {
    ((AgroalDataSource) pool).close();
  }
}
