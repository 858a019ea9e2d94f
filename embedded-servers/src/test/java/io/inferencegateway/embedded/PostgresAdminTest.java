package io.inferencegateway.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgresAdminTest {

    @Test
    void swapsOnlyTheDatabaseOfAJdbcUrl() {
        assertThat(PostgresAdmin.withDatabase("jdbc:postgresql://db.example:5433/postgres?sslmode=require", "t1"))
                .isEqualTo("jdbc:postgresql://db.example:5433/t1?sslmode=require");
        assertThat(PostgresAdmin.withDatabase("jdbc:postgresql://127.0.0.1:5432/", "t2"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/t2");
        assertThat(PostgresAdmin.withDatabase("jdbc:postgresql://h1:5432,h2:5432/app", "t3"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5432/t3");
    }

    @Test
    void refusesNamesThatWouldNeedQuoting() {
        PostgresLogin admin = new PostgresLogin("jdbc:postgresql://127.0.0.1:1/postgres", "postgres", "");

        assertThatThrownBy(() -> PostgresAdmin.createDatabase(admin, "x; DROP DATABASE y"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PostgresAdmin.withDatabase("jdbc:mysql://h/db", "t"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
