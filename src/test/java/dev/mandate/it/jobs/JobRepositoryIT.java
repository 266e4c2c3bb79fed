package dev.mandate.it.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mandate.it.support.MandateIT;
import dev.mandate.it.support.Tokens;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Flyway migrations are the only DDL, the batch runtime's job repository included: after a job ran, every
 * table in the schema is one a migration Flyway applied creates. Payara's runtime creates its tables only
 * when it does not find them, so a table of its own here would mean V14 does not match what it expects.
 */
class JobRepositoryIT extends MandateIT {

    private static final Pattern CREATE_TABLE =
            Pattern.compile("create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");

    @Test
    void afterAJobRanEveryTableIsOneFlywayCreated() throws SQLException {
        String admin = Tokens.admin(newTenant());
        JobRuns jobs = new JobRuns(() -> as(admin));
        jobs.await(jobs.startCensus(), "COMPLETED");

        Set<String> migrated = new TreeSet<>();
        Set<String> present = new TreeSet<>();
        try (Connection connection = DriverManager.getConnection(System.getProperty("mandate.it.jdbc-url"))) {
            for (String script : column(connection, "select script from flyway_schema_history where success")) {
                migrated.addAll(tablesCreatedBy(script));
            }
            present.addAll(column(
                    connection,
                    "select table_name from information_schema.tables"
                            + " where table_schema = 'public' and table_type = 'BASE TABLE'"
                            + " and table_name <> 'flyway_schema_history'"));
        }

        assertThat(present)
                .contains(
                        "checkpointdata",
                        "jobinstancedata",
                        "executioninstancedata",
                        "stepexecutioninstancedata",
                        "jobstatus",
                        "stepstatus",
                        "agent_census");
        // (a migrated table may be gone since: renamed or dropped by a later migration)
        assertThat(present).isSubsetOf(migrated);
    }

    /** The tables a migration script creates, read from the ejb module's jar, as Flyway read it. */
    private static Set<String> tablesCreatedBy(String script) {
        for (String folder : new String[] {"db/migration/", "db/postgresql/"}) {
            try (InputStream sql = JobRepositoryIT.class.getClassLoader().getResourceAsStream(folder + script)) {
                if (sql != null) {
                    Set<String> tables = new TreeSet<>();
                    Matcher create = CREATE_TABLE.matcher(
                            new String(sql.readAllBytes(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
                    while (create.find()) {
                        tables.add(create.group(1));
                    }
                    return tables;
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("migration " + script + " is in no folder of the ejb module");
    }

    private static Set<String> column(Connection connection, String sql) throws SQLException {
        Set<String> values = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
