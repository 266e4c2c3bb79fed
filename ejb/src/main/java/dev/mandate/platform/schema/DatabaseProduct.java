package dev.mandate.platform.schema;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Which database Mandate runs on. The schema is the same everywhere (Flyway); a few hot statements
 * use PostgreSQL's {@code INSERT ... ON CONFLICT DO NOTHING}, which saves a query or a transaction per
 * decision, and fall back to portable SQL on the embedded H2 of the quick start.
 */
@ApplicationScoped
public class DatabaseProduct {

    @Resource(lookup = "jdbc/mandate")
    DataSource dataSource;

    private volatile Boolean postgres;

    public boolean isPostgres() {
        Boolean known = postgres;
        if (known == null) {
            try (Connection connection = dataSource.getConnection()) {
                known = connection
                        .getMetaData()
                        .getDatabaseProductName()
                        .toLowerCase(Locale.ROOT)
                        .contains("postgres");
            } catch (SQLException unreachable) {
                throw new IllegalStateException("cannot read the database product", unreachable);
            }
            postgres = known;
        }
        return known;
    }
}
