package dev.mandate.platform.change;

import dev.mandate.platform.schema.DatabaseProduct;
import dev.mandate.platform.sql.Sql;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import jakarta.transaction.Transactional.TxType;
import java.util.Optional;

/**
 * The configuration generation of a tenant (and of the platform, {@link #PLATFORM}): a number that
 * grows with every configuration change, committed with it. What was read at one generation stays
 * valid while the generation is unchanged, on every server. On PostgreSQL only: the embedded H2 of the
 * quick start has no generations, so nothing is kept there and every decision reads afresh.
 */
@ApplicationScoped
public class ConfigGenerations {

    /** The platform's row: changes that apply to every tenant (the global kill switch). */
    public static final String PLATFORM = "*";

    /**
     * {@link #current}'s value as a scalar subquery, for a statement that reads it together with something
     * else (PostgreSQL; two parameters: the tenant, twice). One row: both generations, 0 where a row does
     * not exist yet.
     */
    public static final String CURRENT = "(select coalesce(max(case when tenant_id = ? then generation end), 0)"
            + " || '/' || coalesce(max(case when tenant_id = '*' then generation end), 0)"
            + " from config_generation where tenant_id in (?, '*'))";

    private static final String ADVANCED = ConfigGenerations.class.getName() + ".advanced:";

    @Inject
    DatabaseProduct database;

    @Inject
    Sql sql;

    @Resource
    TransactionSynchronizationRegistry transaction;

    /**
     * Moves the tenant's generation on, in the caller's transaction (once per transaction; the row stays
     * locked until it ends, so concurrent changes of one tenant commit one after the other).
     */
    @Transactional(TxType.MANDATORY)
    public void advance(String tenant) {
        if (advancedInThisTransaction(tenant)) {
            return;
        }
        if (database.isPostgres()) {
            sql.update(
                    "insert into config_generation (tenant_id, generation) values (?, 1)"
                            + " on conflict (tenant_id) do update set generation = config_generation.generation + 1",
                    tenant);
        }
        transaction.putResource(ADVANCED + tenant, Boolean.TRUE);
    }

    /** Whether {@link #advance} ran for the tenant in the caller's transaction (on H2 too, where it writes nothing). */
    public boolean advancedInThisTransaction(String tenant) {
        return transaction.getResource(ADVANCED + tenant) != null;
    }

    /**
     * The tenant's generation combined with the platform's, e.g. {@code "12/3"}; empty where
     * generations are not kept (H2), meaning nothing read may be reused.
     */
    public Optional<String> current(String tenant) {
        if (!database.isPostgres()) {
            return Optional.empty();
        }
        return sql.first("select " + CURRENT, r -> r.getString(1), tenant, tenant);
    }
}
