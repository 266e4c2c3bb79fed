package dev.mandate.platform.schema;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the shared schema to the newest migration before anything else starts. A failed migration
 * throws from {@code @PostConstruct}, which fails the deployment: Mandate never serves on a schema it
 * does not know.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    @Resource(lookup = "jdbc/mandate")
    DataSource dataSource;

    @Inject
    DatabaseProduct database;

    private volatile boolean migrated;

    @PostConstruct
    void migrate() {
        List<String> locations = new ArrayList<>(List.of("classpath:db/migration"));
        // One version sequence across all folders: a new migration takes the next number of any of them.
        if (database.isPostgres()) {
            // indexes H2 (quick start) has no equivalent for, such as trigram indexes for SCIM's 'co' filters,
            // and DDL that must differ per database (the batch runtime's job repository)
            locations.add("classpath:db/postgresql");
        } else {
            // the H2 variant of such DDL (same version as its PostgreSQL variant)
            locations.add("classpath:db/h2");
        }
        Flyway flyway = Flyway.configure(SchemaMigrator.class.getClassLoader())
                .dataSource(dataSource)
                .locations(locations.toArray(String[]::new))
                .failOnMissingLocations(true)
                .load();
        MigrateResult result = flyway.migrate();
        String version = flyway.info().current().getVersion().getVersion();
        LOG.info(() -> "schema at version " + version + " (" + result.migrationsExecuted + " migrations applied now)");
        migrated = true;
    }

    public boolean isMigrated() {
        return migrated;
    }
}
