package io.inferencegateway.gateway.logs;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.inferencegateway.persistence.DatabaseSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A pool that gives up on a connection quickly while the database is down (Database's pool waits 5 s), and counts
 * how often it was asked for one, so an outage test knows the writer has retried.
 */
final class CountingDataSource extends HikariDataSource {

    private final AtomicInteger requests = new AtomicInteger();

    CountingDataSource(DatabaseSettings settings) {
        super(config(settings));
    }

    private static HikariConfig config(DatabaseSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(settings.jdbcUrl());
        config.setUsername(settings.username());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(2);
        config.setPoolName("log-outage-test");
        config.setConnectionTimeout(250);
        return config;
    }

    @Override
    public Connection getConnection() throws SQLException {
        requests.incrementAndGet();
        return super.getConnection();
    }

    int requests() {
        return requests.get();
    }
}
